/* pb-cli.h: the patchbay-cli command-line front end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pb-account-session.h"
#include "pb-delivery.h"
#include "pb-demo.h"
#include "pb-receiver.h"
#include "pb-store.h"

G_BEGIN_DECLS

/**
 * PbCliExit:
 *
 * The exit statuses of patchbay-cli, as its --help documents them.
 */
typedef enum
{
  PB_CLI_EXIT_OK         = 0,
  PB_CLI_EXIT_FAILURE    = 1,
  PB_CLI_EXIT_USAGE      = 2,
  PB_CLI_EXIT_AUTH       = 3,
  PB_CLI_EXIT_NOT_FOUND  = 4,
  PB_CLI_EXIT_VALIDATION = 5,
  PB_CLI_EXIT_NETWORK    = 6,
  PB_CLI_EXIT_STORAGE    = 7,
} PbCliExit;

typedef struct _PbCli PbCli;

struct _PbCli
{
  /* Global options */
  char             *account_name;
  char             *api_base;
  gboolean          json;
  gboolean          simulator;

  /* Made on first use */
  PbStore          *store;
  PbReceiver       *receiver;
  PbDemo           *demo;
  SoupSession      *soup;
  PbAccountSession *session;
};

/* @args is a %NULL-terminated vector whose first element names the
 * command; the command may parse (and so rearrange) it. */
typedef gboolean (*PbCliRunFunc) (PbCli   *cli,
                                  GStrv    args,
                                  GError **error);

typedef struct
{
  const char   *name;
  PbCliRunFunc  run;
} PbCliCommand;

int               pb_cli_main                 (int                  argc,
                                               char               **argv);
PbCli            *pb_cli_new                  (void);
void              pb_cli_free                 (PbCli               *cli);
int               pb_cli_exit_status_for      (const GError        *error);
void              pb_cli_print_error          (const GError        *error);
gboolean          pb_cli_usage_error          (GError             **error,
                                               const char          *format,
                                               ...) G_GNUC_PRINTF (2, 3);

GOptionContext   *pb_cli_context_new          (PbCli               *cli,
                                               const char          *parameters,
                                               const char          *summary,
                                               const char          *description,
                                               const GOptionEntry  *entries);
gboolean          pb_cli_parse                (GOptionContext      *context,
                                               GStrv               *args,
                                               GError             **error);
gboolean          pb_cli_dispatch             (PbCli               *cli,
                                               const char          *group,
                                               const char          *summary,
                                               const PbCliCommand  *commands,
                                               GStrv                args,
                                               GError             **error);

void              pb_cli_async_done           (GObject             *source,
                                               GAsyncResult        *result,
                                               gpointer             user_data);
GAsyncResult     *pb_cli_await                (GAsyncResult       **slot);

SoupSession      *pb_cli_get_soup_session     (PbCli               *cli);
PbStore          *pb_cli_get_store            (PbCli               *cli,
                                               GError             **error);
PbReceiver       *pb_cli_get_receiver         (PbCli               *cli,
                                               GError             **error);
gboolean          pb_cli_start_demo           (PbCli               *cli,
                                               guint                scenario_interval_ms,
                                               GError             **error);
PbAccount        *pb_cli_resolve_account      (PbCli               *cli,
                                               GError             **error);
PbAccountSession *pb_cli_get_session          (PbCli               *cli,
                                               GError             **error);

/* Webhooks */
gboolean          pb_cli_refresh              (PbCli               *cli,
                                               GError             **error);
GPtrArray        *pb_cli_list_cached_webhooks (PbCli               *cli,
                                               GError             **error);
gboolean          pb_cli_check_webhook        (PbWebhook           *webhook,
                                               GError             **error);
gboolean          pb_cli_run_create           (PbCli               *cli,
                                               PbWebhook           *webhook,
                                               PbWebhook          **created,
                                               GError             **error);
gboolean          pb_cli_run_update           (PbCli               *cli,
                                               PbWebhook           *webhook,
                                               PbWebhookFields      fields,
                                               GError             **error);
gboolean          pb_cli_run_delete           (PbCli               *cli,
                                               gint64               webhook_id,
                                               GError             **error);
char             *pb_cli_describe_fields      (PbWebhookFields      fields);

/* Output */
typedef struct _PbCliTable PbCliTable;

PbCliTable       *pb_cli_table_new            (const char          *first_header,
                                               ...) G_GNUC_NULL_TERMINATED;
void              pb_cli_table_add_row        (PbCliTable          *table,
                                               const char          *first_cell,
                                               ...) G_GNUC_NULL_TERMINATED;
void              pb_cli_table_print          (PbCliTable          *table);
void              pb_cli_table_free           (PbCliTable          *table);
void              pb_cli_print_json           (JsonNode            *node);
char             *pb_cli_format_time          (gint64               unix_usec);
char             *pb_cli_format_iso_time      (gint64               unix_usec);
JsonNode         *pb_cli_webhook_to_json      (PbWebhook           *webhook);
JsonNode         *pb_cli_delivery_to_json     (PbDelivery          *delivery);
char             *pb_cli_dup_stdin_line       (const char          *prompt);

/* Commands */
gboolean          pb_cli_accounts             (PbCli               *cli,
                                               GStrv                args,
                                               GError             **error);
gboolean          pb_cli_webhooks             (PbCli               *cli,
                                               GStrv                args,
                                               GError             **error);
gboolean          pb_cli_webhooks_export      (PbCli               *cli,
                                               GStrv                args,
                                               GError             **error);
gboolean          pb_cli_webhooks_import      (PbCli               *cli,
                                               GStrv                args,
                                               GError             **error);
gboolean          pb_cli_events               (PbCli               *cli,
                                               GStrv                args,
                                               GError             **error);
gboolean          pb_cli_listen               (PbCli               *cli,
                                               GStrv                args,
                                               GError             **error);
gboolean          pb_cli_deliveries           (PbCli               *cli,
                                               GStrv                args,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbCli, pb_cli_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbCliTable, pb_cli_table_free)

G_END_DECLS
