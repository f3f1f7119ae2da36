/* pb-replay.h: send a stored delivery again, to any URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "pb-delivery.h"

G_BEGIN_DECLS

/**
 * PbReplayResult:
 * @status: the HTTP status the URL answered
 * @reason: (nullable): the reason phrase
 * @elapsed_usec: time from sending to the end of the answer
 * @content_type: (nullable): the answer's Content-Type
 * @body: the answer's body, at most %PB_REPLAY_MAX_BODY bytes
 * @truncated: whether @body was cut at that limit
 *
 * What a URL answered to a replayed delivery.
 */
typedef struct
{
  guint   status;
  char   *reason;
  gint64  elapsed_usec;
  char   *content_type;
  GBytes *body;
  gboolean truncated;
} PbReplayResult;

#define PB_REPLAY_MAX_BODY (256 * 1024)

void            pb_replay_result_free (PbReplayResult       *result);
void            pb_replay_async       (SoupSession          *session,
                                       PbDelivery           *delivery,
                                       const char           *url,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
PbReplayResult *pb_replay_finish      (GAsyncResult         *result,
                                       GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbReplayResult, pb_replay_result_free)

G_END_DECLS
