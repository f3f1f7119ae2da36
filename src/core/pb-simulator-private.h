/* pb-simulator-private.h: what the simulator's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char     *pb_simulator_format_time  (GDateTime  *time);
JsonNode *pb_simulator_action_build (GRand      *rand,
                                     gint64      action_id,
                                     const char *event,
                                     gint64      subject_id);

G_END_DECLS
