#ifndef COUNCIL_CGLPK_SHIM_H
#define COUNCIL_CGLPK_SHIM_H

// GLPK (GNU Linear Programming Kit), Debian's libglpk-dev; it has no pkg-config file.
#include <glpk.h>

#endif
