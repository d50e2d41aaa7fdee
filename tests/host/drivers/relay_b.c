// SPDX-License-Identifier: GPL-2.0
/* One link of a relay chain (relay.h). */
#define RELAY_NAME "relay-b"
#include "relay.h"
