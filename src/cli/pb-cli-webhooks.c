/* pb-cli-webhooks.c: patchbay-cli webhooks list, show, create, update, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-cli.h"
#include "pb-error.h"

/**
 * pb_cli_refresh:
 * @cli: the command-line state
 * @error: return location for a #GError
 *
 * Fetches the account's webhooks from the API into the cache.
 *
 * Returns: %TRUE when the cache now matches the account
 */
gboolean
pb_cli_refresh (PbCli   *cli,
                GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  PbAccountSession *session;
  PbSyncChanges changes = { 0, };

  g_return_val_if_fail (cli != NULL, FALSE);

  session = pb_cli_get_session (cli, error);
  if (session == NULL)
    return FALSE;

  pb_account_session_refresh_async (session, NULL, pb_cli_async_done, &result);
  return pb_account_session_refresh_finish (session, pb_cli_await (&result), &changes, error);
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  gint64 id_a = pb_webhook_get_id (*(PbWebhook * const *)a);
  gint64 id_b = pb_webhook_get_id (*(PbWebhook * const *)b);

  return (id_a > id_b) - (id_a < id_b);
}

/**
 * pb_cli_list_cached_webhooks:
 * @cli: the command-line state
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type PbWebhook) (nullable): the
 *   account's cached webhooks, by id
 */
GPtrArray *
pb_cli_list_cached_webhooks (PbCli   *cli,
                             GError **error)
{
  PbAccountSession *session;
  GPtrArray *webhooks;
  PbAccount *account;

  g_return_val_if_fail (cli != NULL, NULL);

  session = pb_cli_get_session (cli, error);
  if (session == NULL)
    return NULL;

  account = pb_account_session_get_account (session);
  webhooks = pb_store_list_webhooks (cli->store, pb_account_get_id (account), error);
  if (webhooks != NULL)
    g_ptr_array_sort (webhooks, compare_by_id);

  return webhooks;
}

/**
 * pb_cli_check_webhook:
 * @webhook: a webhook about to be sent
 * @error: return location for a #GError
 *
 * Checks @webhook as Current RMS would, so that a mistake is reported per
 * field without a round trip.
 *
 * Returns: %TRUE when @webhook can be sent
 */
gboolean
pb_cli_check_webhook (PbWebhook  *webhook,
                      GError    **error)
{
  g_autoptr(GHashTable) messages = NULL;

  g_return_val_if_fail (PB_IS_WEBHOOK (webhook), FALSE);

  if (pb_webhook_validate (webhook, &messages))
    return TRUE;

  if (error != NULL)
    *error = pb_error_new_http (PB_ERROR_VALIDATION, 0, 0, g_steal_pointer (&messages),
                                _("The webhook “%s” is not valid"),
                                pb_webhook_get_name (webhook));
  return FALSE;
}

/**
 * pb_cli_run_create:
 * @cli: the command-line state
 * @webhook: the webhook to create
 * @created: (out) (optional) (transfer full): the webhook as the API made it
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the webhook was created and cached
 */
gboolean
pb_cli_run_create (PbCli      *cli,
                   PbWebhook  *webhook,
                   PbWebhook **created,
                   GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbWebhook) made = NULL;
  PbAccountSession *session;

  g_return_val_if_fail (cli != NULL, FALSE);

  session = pb_cli_get_session (cli, error);
  if (session == NULL || !pb_cli_check_webhook (webhook, error))
    return FALSE;

  pb_account_session_create_async (session, webhook, NULL, pb_cli_async_done, &result);
  made = pb_account_session_create_finish (session, pb_cli_await (&result), error);
  if (made == NULL)
    return FALSE;

  if (created != NULL)
    *created = g_steal_pointer (&made);
  return TRUE;
}

/**
 * pb_cli_run_update:
 * @cli: the command-line state
 * @webhook: the webhook with its new values
 * @fields: the attributes to send
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the webhook was updated and cached
 */
gboolean
pb_cli_run_update (PbCli            *cli,
                   PbWebhook        *webhook,
                   PbWebhookFields   fields,
                   GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbWebhook) updated = NULL;
  PbAccountSession *session;

  g_return_val_if_fail (cli != NULL, FALSE);

  session = pb_cli_get_session (cli, error);
  if (session == NULL || !pb_cli_check_webhook (webhook, error))
    return FALSE;

  pb_account_session_update_async (session, webhook, fields, NULL, pb_cli_async_done, &result);
  updated = pb_account_session_update_finish (session, pb_cli_await (&result), error);

  return updated != NULL;
}

/**
 * pb_cli_run_delete:
 * @cli: the command-line state
 * @webhook_id: the webhook to delete
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the webhook was deleted, from the cache too
 */
gboolean
pb_cli_run_delete (PbCli   *cli,
                   gint64   webhook_id,
                   GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  PbAccountSession *session;

  g_return_val_if_fail (cli != NULL, FALSE);

  session = pb_cli_get_session (cli, error);
  if (session == NULL)
    return FALSE;

  pb_account_session_delete_async (session, webhook_id, NULL, pb_cli_async_done, &result);
  return pb_account_session_delete_finish (session, pb_cli_await (&result), error);
}

/**
 * pb_cli_describe_fields:
 * @fields: changed attributes
 *
 * Returns: (transfer full): the API names of @fields, comma-separated
 */
char *
pb_cli_describe_fields (PbWebhookFields fields)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  if (fields & PB_WEBHOOK_FIELD_NAME)
    g_strv_builder_add (builder, "name");
  if (fields & PB_WEBHOOK_FIELD_EVENT)
    g_strv_builder_add (builder, "event");
  if (fields & PB_WEBHOOK_FIELD_TARGET_URL)
    g_strv_builder_add (builder, "target_url");
  if (fields & PB_WEBHOOK_FIELD_ACTIVE)
    g_strv_builder_add (builder, "active");

  names = g_strv_builder_end (builder);
  return g_strjoinv (", ", names);
}

/* Formats an id for a translated message; the buffer is reused per call. */
static const char *
id_text (gint64 id)
{
  static char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, id);
  return buffer;
}

static gboolean
parse_id (const char  *text,
          gint64      *id,
          GError     **error)
{
  guint64 value = 0;

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return pb_cli_usage_error (error, _("“%s” is not a webhook id"), text ? text : "");

  *id = (gint64)value;
  return TRUE;
}

static gboolean
matches_words (PbWebhook   *webhook,
               const char  *const *words)
{
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;

  text = g_strjoin (" ", pb_webhook_get_name (webhook), pb_webhook_get_event (webhook),
                    pb_webhook_get_target_url (webhook), NULL);
  g_strdelimit (text, "_", ' ');
  folded = g_utf8_casefold (text, -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (folded, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static GPtrArray *
filter_webhooks (GPtrArray  *webhooks,
                 const char *search,
                 int         limit)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);

  folded = g_utf8_casefold (search ? search : "", -1);
  g_strdelimit (folded, "_", ' ');
  words = g_strsplit (folded, " ", -1);

  for (guint i = 0; i < webhooks->len; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (webhooks, i);

      if (limit > 0 && shown->len >= (guint)limit)
        break;
      if (matches_words (webhook, (const char * const *)words))
        g_ptr_array_add (shown, g_object_ref (webhook));
    }

  return shown;
}

static void
print_webhooks (PbCli     *cli,
                GPtrArray *webhooks)
{
  g_autoptr(PbCliTable) table = NULL;

  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < webhooks->len; i++)
        json_array_add_element (array, pb_cli_webhook_to_json (g_ptr_array_index (webhooks, i)));
      json_node_set_array (root, array);
      pb_cli_print_json (root);
      return;
    }

  table = pb_cli_table_new (_("ID"), _("ACTIVE"), _("EVENT"), _("NAME"), _("TARGET URL"), NULL);
  for (guint i = 0; i < webhooks->len; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (webhooks, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, pb_webhook_get_id (webhook));
      g_autofree char *url = pb_webhook_dup_redacted_url (pb_webhook_get_target_url (webhook));

      pb_cli_table_add_row (table, id, pb_webhook_get_active (webhook) ? _("yes") : _("no"),
                            pb_webhook_get_event (webhook), pb_webhook_get_name (webhook),
                            url, NULL);
    }
  pb_cli_table_print (table);
}

static void
say_cache_age (PbCli *cli)
{
  PbAccount *account = pb_account_session_get_account (cli->session);
  g_autoptr(PbAccount) stored = NULL;
  g_autofree char *when = NULL;

  stored = pb_store_get_account (cli->store, pb_account_get_id (account), NULL);
  when = pb_cli_format_time (pb_account_get_last_sync (stored ? stored : account));
  g_printerr (_("%s: showing the cached webhooks, last synchronized %s\n"),
              g_get_prgname (), when);
}

static gboolean
webhooks_list (PbCli    *cli,
               GStrv     args,
               GError  **error)
{
  g_autofree char *search = NULL;
  gboolean cached = FALSE;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "cached", 0, 0, G_OPTION_ARG_NONE, &cached,
      N_("Read only the local cache; do not contact the API"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N webhooks"), N_("N") },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Show only webhooks whose name, event or URL contain all WORDS"), N_("WORDS") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) refresh_error = NULL;
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GPtrArray) shown = NULL;

  context = pb_cli_context_new (cli, "webhooks list", _("List the account’s webhooks."),
                                _("The list is fetched from the API and cached. When the API "
                                  "cannot be reached, the cached list is printed, the reason "
                                  "goes to standard error and the exit status is not 0."),
                                entries);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] != NULL)
    return pb_cli_usage_error (error, _("“webhooks list” takes no arguments"));
  if (limit < 0)
    return pb_cli_usage_error (error, _("--limit must be 0 or more"));

  if (!cached && !pb_cli_refresh (cli, &refresh_error) && cli->session == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&refresh_error));
      return FALSE;
    }

  webhooks = pb_cli_list_cached_webhooks (cli, error);
  if (webhooks == NULL)
    return FALSE;

  if (refresh_error != NULL)
    say_cache_age (cli);

  shown = filter_webhooks (webhooks, search, limit);
  print_webhooks (cli, shown);

  if (refresh_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&refresh_error));
      return FALSE;
    }
  return TRUE;
}

static PbWebhook *
fetch_webhook (PbCli   *cli,
               gint64   webhook_id,
               GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PbWebhook) webhook = NULL;
  PbAccountSession *session;
  PbClient *client;
  gint64 account_id;

  session = pb_cli_get_session (cli, error);
  if (session == NULL)
    return NULL;

  client = pb_account_session_get_client (session);
  account_id = pb_account_get_id (pb_account_session_get_account (session));
  pb_client_get_webhook_async (client, webhook_id, NULL, pb_cli_async_done, &result);
  webhook = pb_client_get_webhook_finish (client, pb_cli_await (&result), &local_error);

  /* What the API just said is the truth the cache should hold. */
  if (webhook != NULL)
    pb_store_put_webhook (cli->store, account_id, webhook, NULL);
  else if (g_error_matches (local_error, PB_ERROR, PB_ERROR_NOT_FOUND))
    pb_store_delete_webhook (cli->store, account_id, webhook_id, NULL);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return g_steal_pointer (&webhook);
}

static void
print_webhook (PbCli     *cli,
               PbWebhook *webhook)
{
  g_autoptr(JsonNode) node = pb_cli_webhook_to_json (webhook);
  g_autoptr(PbEventInfo) info = NULL;
  g_autofree char *event_label = NULL;
  g_autofree char *url = NULL;
  JsonObject *extra;

  if (cli->json)
    {
      pb_cli_print_json (node);
      return;
    }

  info = pb_catalog_describe (pb_catalog_get_default (), pb_webhook_get_event (webhook));
  event_label = pb_event_info_dup_display_name (info);
  url = pb_webhook_dup_redacted_url (pb_webhook_get_target_url (webhook));

  g_print ("%-12s %" G_GINT64_FORMAT "\n", _("Id:"), pb_webhook_get_id (webhook));
  g_print ("%-12s %s\n", _("Name:"), pb_webhook_get_name (webhook));
  g_print ("%-12s %s (%s)\n", _("Event:"), pb_webhook_get_event (webhook), event_label);
  g_print ("%-12s %s\n", _("Target URL:"), url);
  g_print ("%-12s %s\n", _("Active:"), pb_webhook_get_active (webhook) ? _("yes") : _("no"));

  extra = pb_webhook_get_extra (webhook);
  if (extra != NULL && json_object_get_size (extra) > 0)
    {
      g_autoptr(JsonNode) extra_node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;

      json_node_set_object (extra_node, extra);
      text = json_to_string (extra_node, TRUE);
      g_print ("%s\n%s\n", _("Other attributes:"), text);
    }
}

static gboolean
webhooks_show (PbCli    *cli,
               GStrv     args,
               GError  **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PbWebhook) webhook = NULL;
  gint64 id = 0;

  context = pb_cli_context_new (cli, _("webhooks show ID"),
                                _("Show one webhook as the API has it now."), NULL, NULL);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] == NULL || args[2] != NULL)
    return pb_cli_usage_error (error, _("“webhooks show” takes one webhook ID"));
  if (!parse_id (args[1], &id, error))
    return FALSE;

  webhook = fetch_webhook (cli, id, error);
  if (webhook == NULL)
    return FALSE;

  print_webhook (cli, webhook);
  return TRUE;
}

/* A target URL on the local receiver, under a token of the account, so that
 * deliveries land in the account's log. */
static char *
dup_receiver_target (PbCli   *cli,
                     GError **error)
{
  g_autofree char *token = NULL;
  PbAccountSession *session;
  PbReceiver *receiver;

  session = pb_cli_get_session (cli, error);
  receiver = session ? pb_cli_get_receiver (cli, error) : NULL;
  if (receiver == NULL)
    return NULL;

  token = pb_store_create_token (cli->store,
                                 pb_account_get_id (pb_account_session_get_account (session)),
                                 error);
  if (token == NULL)
    return NULL;

  return pb_receiver_dup_url (receiver, token);
}

static void
warn_about_url (const char *url)
{
  g_autofree char *warning = NULL;

  if (pb_webhook_check_target_url (url, &warning, NULL) && warning != NULL)
    g_printerr (_("%s: warning: %s\n"), g_get_prgname (), warning);
}

static gboolean
webhooks_create (PbCli    *cli,
                 GStrv     args,
                 GError  **error)
{
  g_autofree char *name = NULL;
  g_autofree char *event = NULL;
  g_autofree char *url = NULL;
  gboolean to_receiver = FALSE;
  gboolean inactive = FALSE;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The webhook’s name"), N_("NAME") },
    { "event", 0, 0, G_OPTION_ARG_STRING, &event,
      N_("The event, such as opportunity_create (see “events”)"), N_("EVENT") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("The URL deliveries go to"), N_("URL") },
    { "to-receiver", 0, 0, G_OPTION_ARG_NONE, &to_receiver,
      N_("Deliver to Patchbay’s own receiver, under a new token"), NULL },
    { "inactive", 0, 0, G_OPTION_ARG_NONE, &inactive, N_("Create it switched off"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PbWebhook) webhook = NULL;
  g_autoptr(PbWebhook) created = NULL;

  context = pb_cli_context_new (cli, "webhooks create",
                                _("Create a webhook on the account."),
                                _("Give --name, --event and either --url or --to-receiver."),
                                entries);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] != NULL)
    return pb_cli_usage_error (error, _("“webhooks create” takes options only"));
  if (name == NULL || event == NULL || (url == NULL) == !to_receiver)
    return pb_cli_usage_error (error, _("Give --name, --event and either --url or "
                                        "--to-receiver"));

  if (to_receiver && (url = dup_receiver_target (cli, error)) == NULL)
    return FALSE;
  warn_about_url (url);

  webhook = pb_webhook_new (name, event, url, !inactive);
  if (!pb_cli_run_create (cli, webhook, &created, error))
    return FALSE;

  if (cli->json)
    print_webhook (cli, created);
  else
    g_print (_("Created webhook %s.\n"), id_text (pb_webhook_get_id (created)));
  return TRUE;
}

static gboolean
webhooks_update (PbCli    *cli,
                 GStrv     args,
                 GError  **error)
{
  g_autofree char *name = NULL;
  g_autofree char *event = NULL;
  g_autofree char *url = NULL;
  gboolean active = FALSE;
  gboolean inactive = FALSE;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A new name"), N_("NAME") },
    { "event", 0, 0, G_OPTION_ARG_STRING, &event, N_("A new event"), N_("EVENT") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("A new target URL"), N_("URL") },
    { "active", 0, 0, G_OPTION_ARG_NONE, &active, N_("Switch it on"), NULL },
    { "inactive", 0, 0, G_OPTION_ARG_NONE, &inactive, N_("Switch it off"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PbWebhook) current = NULL;
  g_autoptr(PbWebhook) changed = NULL;
  PbWebhookFields fields;
  gint64 id = 0;

  context = pb_cli_context_new (cli, _("webhooks update ID"),
                                _("Change a webhook; only the attributes given are sent."),
                                NULL, entries);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] == NULL || args[2] != NULL)
    return pb_cli_usage_error (error, _("“webhooks update” takes one webhook ID"));
  if (active && inactive)
    return pb_cli_usage_error (error, _("Give --active or --inactive, not both"));
  if (!parse_id (args[1], &id, error))
    return FALSE;

  current = fetch_webhook (cli, id, error);
  if (current == NULL)
    return FALSE;

  changed = pb_webhook_copy (current);
  if (name != NULL)
    pb_webhook_set_name (changed, name);
  if (event != NULL)
    pb_webhook_set_event (changed, event);
  if (url != NULL)
    pb_webhook_set_target_url (changed, url);
  if (active || inactive)
    pb_webhook_set_active (changed, active);

  fields = pb_webhook_diff (current, changed);
  if (fields == 0)
    {
      g_print (_("Webhook %s already has these values.\n"), id_text (id));
      return TRUE;
    }

  if (!pb_cli_run_update (cli, changed, fields, error))
    return FALSE;

  g_print (_("Updated webhook %s.\n"), id_text (id));
  return TRUE;
}

static gboolean
webhooks_delete (PbCli    *cli,
                 GStrv     args,
                 GError  **error)
{
  g_autoptr(GOptionContext) context = NULL;
  gint64 id = 0;

  context = pb_cli_context_new (cli, _("webhooks delete ID"),
                                _("Delete a webhook from the account."), NULL, NULL);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] == NULL || args[2] != NULL)
    return pb_cli_usage_error (error, _("“webhooks delete” takes one webhook ID"));
  if (!parse_id (args[1], &id, error))
    return FALSE;

  if (!pb_cli_run_delete (cli, id, error))
    return FALSE;

  g_print (_("Deleted webhook %s.\n"), id_text (id));
  return TRUE;
}

static const PbCliCommand commands[] = {
  { "list", webhooks_list },
  { "show", webhooks_show },
  { "create", webhooks_create },
  { "update", webhooks_update },
  { "delete", webhooks_delete },
  { "export", pb_cli_webhooks_export },
  { "import", pb_cli_webhooks_import },
  { NULL, NULL },
};

gboolean
pb_cli_webhooks (PbCli    *cli,
                 GStrv     args,
                 GError  **error)
{
  return pb_cli_dispatch (cli, "webhooks", _("Manage the webhooks of a Current RMS account."),
                          commands, args, error);
}
