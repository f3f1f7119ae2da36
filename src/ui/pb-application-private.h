/* pb-application-private.h: what the application's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-application.h"

G_BEGIN_DECLS

struct _PbApplication
{
  AdwApplication  parent_instance;

  /* Owned, created at startup */
  GSettings      *settings;
  PbStore        *store;
  PbCatalog      *catalog;
  PbReceiver     *receiver;
  SoupSession    *soup_session;
  GListStore     *sessions;
  PbDemo         *demo;
  GCancellable   *cancellable;

  /* Sentences for the first window, gathered before it exists */
  GPtrArray      *startup_messages;

  guint           pending_lookups;
  guint           receiver_restart_id;
  guint           demo_requested : 1;
};

void pb_application_add_message    (PbApplication *self,
                                    const char    *message);
void pb_application_notify_loading (PbApplication *self);
void pb_application_load_accounts  (PbApplication *self);

G_END_DECLS
