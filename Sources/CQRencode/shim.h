#ifndef COUNCIL_CQRENCODE_SHIM_H
#define COUNCIL_CQRENCODE_SHIM_H

#include <qrencode.h>

#endif
