/* pb-secrets.h: API keys in the desktop keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Keys are found by subdomain and API base. PATCHBAY_SUBDOMAIN with
 * PATCHBAY_API_KEY (and PATCHBAY_API_BASE, when set) in the environment take
 * the place of the keyring for that account, for scripts and CI.
 */
char     *pb_secrets_lookup_env      (const char           *subdomain,
                                      const char           *api_base);
char     *pb_secrets_lookup_sync     (const char           *subdomain,
                                      const char           *api_base,
                                      GCancellable         *cancellable,
                                      GError              **error);
gboolean  pb_secrets_store_sync      (const char           *subdomain,
                                      const char           *api_base,
                                      const char           *label,
                                      const char           *api_key,
                                      GCancellable         *cancellable,
                                      GError              **error);
gboolean  pb_secrets_clear_sync      (const char           *subdomain,
                                      const char           *api_base,
                                      GCancellable         *cancellable,
                                      GError              **error);
void      pb_secrets_lookup_async    (const char           *subdomain,
                                      const char           *api_base,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
char     *pb_secrets_lookup_finish   (GAsyncResult         *result,
                                      GError              **error);
void      pb_secrets_store_async     (const char           *subdomain,
                                      const char           *api_base,
                                      const char           *label,
                                      const char           *api_key,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  pb_secrets_store_finish    (GAsyncResult         *result,
                                      GError              **error);
void      pb_secrets_clear_async     (const char           *subdomain,
                                      const char           *api_base,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  pb_secrets_clear_finish    (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
