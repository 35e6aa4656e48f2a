#ifndef NONREL_CMONGOC_SHIM_H
#define NONREL_CMONGOC_SHIM_H
#include <mongoc/mongoc.h>
#endif
