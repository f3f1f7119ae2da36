/* pb-application.h: the Patchbay application and the objects it shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-account-session.h"
#include "pb-catalog.h"
#include "pb-demo.h"
#include "pb-receiver.h"
#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_APPLICATION (pb_application_get_type ())

G_DECLARE_FINAL_TYPE (PbApplication, pb_application, PB, APPLICATION, AdwApplication)

PbApplication    *pb_application_new              (void);
PbStore          *pb_application_get_store        (PbApplication  *self);
PbReceiver       *pb_application_get_receiver     (PbApplication  *self);
PbCatalog        *pb_application_get_catalog      (PbApplication  *self);
GSettings        *pb_application_get_settings     (PbApplication  *self);
SoupSession      *pb_application_get_soup_session (PbApplication  *self);
GListModel       *pb_application_get_sessions     (PbApplication  *self);
PbDemo           *pb_application_get_demo         (PbApplication  *self);
gboolean          pb_application_get_loading      (PbApplication  *self);
PbAccountSession *pb_application_find_session     (PbApplication  *self,
                                                   gint64          account_id);
gboolean          pb_application_start_demo       (PbApplication  *self,
                                                   GError        **error);
void              pb_application_add_account_async     (PbApplication        *self,
                                                        PbAccount            *account,
                                                        const char           *api_key,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean          pb_application_add_account_finish    (PbApplication        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void              pb_application_update_account_async  (PbApplication        *self,
                                                        PbAccount            *account,
                                                        const char           *api_key,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean          pb_application_update_account_finish (PbApplication        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
gboolean          pb_application_remove_account   (PbApplication  *self,
                                                   PbAccount      *account,
                                                   GError        **error);
gboolean          pb_application_restart_receiver (PbApplication  *self,
                                                   GError        **error);

G_END_DECLS
