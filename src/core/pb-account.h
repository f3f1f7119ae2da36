/* pb-account.h: a Current RMS account that Patchbay connects to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PB_DEFAULT_API_BASE "https://api.current-rms.com/api/v1"
#define PB_DEMO_SUBDOMAIN "demo"

#define PB_TYPE_ACCOUNT (pb_account_get_type ())

G_DECLARE_FINAL_TYPE (PbAccount, pb_account, PB, ACCOUNT, GObject)

PbAccount  *pb_account_new                 (const char  *subdomain);
gint64      pb_account_get_id              (PbAccount   *self);
void        pb_account_set_id              (PbAccount   *self,
                                            gint64       id);
const char *pb_account_get_subdomain       (PbAccount   *self);
void        pb_account_set_subdomain       (PbAccount   *self,
                                            const char  *subdomain);
const char *pb_account_get_label           (PbAccount   *self);
void        pb_account_set_label           (PbAccount   *self,
                                            const char  *label);
const char *pb_account_get_display_name    (PbAccount   *self);
const char *pb_account_get_api_base        (PbAccount   *self);
void        pb_account_set_api_base        (PbAccount   *self,
                                            const char  *api_base);
gboolean    pb_account_get_production      (PbAccount   *self);
void        pb_account_set_production      (PbAccount   *self,
                                            gboolean     production);
gboolean    pb_account_get_demo            (PbAccount   *self);
void        pb_account_set_demo            (PbAccount   *self,
                                            gboolean     demo);
gint64      pb_account_get_last_sync       (PbAccount   *self);
void        pb_account_set_last_sync       (PbAccount   *self,
                                            gint64       unix_usec);
const char *pb_account_get_last_error      (PbAccount   *self);
void        pb_account_set_last_error      (PbAccount   *self,
                                            const char  *message);
char       *pb_account_normalize_subdomain (const char  *input,
                                            GError     **error);

G_END_DECLS
