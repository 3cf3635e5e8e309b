#ifndef COUNCIL_CXLSXWRITER_SHIM_H
#define COUNCIL_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
