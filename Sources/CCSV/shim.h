#ifndef COUNCIL_CCSV_SHIM_H
#define COUNCIL_CCSV_SHIM_H

#include <csv.h>

#endif
