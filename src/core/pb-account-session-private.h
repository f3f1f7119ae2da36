/* pb-account-session-private.h: what the session's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-account-session.h"

G_BEGIN_DECLS

struct _PbAccountSession
{
  GObject       parent_instance;

  /* Given at construction */
  PbStore      *store;
  PbAccount    *account;
  PbClient     *client;
  PbCatalog    *catalog;

  /* Owned */
  GListStore   *webhooks;
  GCancellable *cancellable;
  char         *last_error;
  gint64        last_sync;
  gboolean      offline;

  /* The refresh in flight, which later callers join */
  GCancellable *refresh_cancellable;
  GPtrArray    *refresh_waiters;
};

void      pb_account_session_cancel_later        (GCancellable     *target);
void      pb_account_session_learn_event         (PbAccountSession *self,
                                                  const char       *event,
                                                  gboolean          persist);
void      pb_account_session_note_request_result (PbAccountSession *self,
                                                  const GError     *error);
GError   *pb_account_session_no_key_error        (PbAccountSession *self);
void      pb_account_session_copy_attributes     (PbWebhook        *target,
                                                  PbWebhook        *source);
gboolean  pb_account_session_find_position       (PbAccountSession *self,
                                                  gint64            webhook_id,
                                                  guint            *position);

G_END_DECLS
