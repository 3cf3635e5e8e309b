#ifndef COUNCIL_CLIBICAL_SHIM_H
#define COUNCIL_CLIBICAL_SHIM_H

#include <libical/ical.h>

/// libical 3.0.16 leaves `,` and `;` unescaped in the value of an X- property because the
/// escaping routine asks the value's parent property for its kind. A value whose parent is
/// unset is escaped as TEXT (RFC 5545 §3.3.11, the default type of X- properties), so the
/// parent link is cleared after the value is attached. `icalproperty_free` frees the value
/// through the property's own pointer, so ownership is unchanged.
static inline void council_escape_x_value_as_text(icalproperty *property) {
    icalvalue *value = icalproperty_get_value(property);
    if (value != NULL) {
        icalvalue_set_parent(value, NULL);
    }
}

/// `icalerrno` is a macro over a thread-local; Swift cannot read it directly.
static inline icalerrorenum council_icalerrno(void) {
    return *icalerrno_return();
}

#endif
