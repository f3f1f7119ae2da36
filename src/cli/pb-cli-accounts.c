/* pb-cli-accounts.c: patchbay-cli accounts list, add and remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-cli.h"
#include "pb-error.h"
#include "pb-secrets.h"

static JsonNode *
account_to_json (PbAccount *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *last_sync = pb_cli_format_iso_time (pb_account_get_last_sync (account));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, pb_account_get_id (account));
  json_builder_set_member_name (builder, "subdomain");
  json_builder_add_string_value (builder, pb_account_get_subdomain (account));
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, pb_account_get_display_name (account));
  json_builder_set_member_name (builder, "api_base");
  json_builder_add_string_value (builder, pb_account_get_api_base (account));
  json_builder_set_member_name (builder, "production");
  json_builder_add_boolean_value (builder, pb_account_get_production (account));
  json_builder_set_member_name (builder, "demo");
  json_builder_add_boolean_value (builder, pb_account_get_demo (account));
  json_builder_set_member_name (builder, "last_sync");
  if (last_sync != NULL)
    json_builder_add_string_value (builder, last_sync);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_accounts (PbCli     *cli,
                GPtrArray *accounts)
{
  g_autoptr(PbCliTable) table = NULL;

  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < accounts->len; i++)
        json_array_add_element (array, account_to_json (g_ptr_array_index (accounts, i)));
      json_node_set_array (root, array);
      pb_cli_print_json (root);
      return;
    }

  table = pb_cli_table_new (_("SUBDOMAIN"), _("LABEL"), _("KIND"), _("LAST SYNC"),
                            _("API BASE"), NULL);
  for (guint i = 0; i < accounts->len; i++)
    {
      PbAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *last_sync = pb_cli_format_time (pb_account_get_last_sync (account));
      const char *kind;

      if (pb_account_get_demo (account))
        kind = _("demo");
      else if (pb_account_get_production (account))
        kind = _("production");
      else
        kind = _("test");

      pb_cli_table_add_row (table, pb_account_get_subdomain (account),
                            pb_account_get_display_name (account), kind, last_sync,
                            pb_account_get_api_base (account), NULL);
    }
  pb_cli_table_print (table);
}

static gboolean
accounts_list (PbCli    *cli,
               GStrv     args,
               GError  **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  PbStore *store;

  context = pb_cli_context_new (cli, "accounts list", _("List the accounts set up."),
                                NULL, NULL);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] != NULL)
    return pb_cli_usage_error (error, _("“accounts list” takes no arguments"));

  store = pb_cli_get_store (cli, error);
  if (store == NULL)
    return FALSE;

  accounts = pb_store_list_accounts (store, error);
  if (accounts == NULL)
    return FALSE;

  print_accounts (cli, accounts);
  return TRUE;
}

static char *
read_api_key (GError **error)
{
  const char *env_key = g_getenv ("PATCHBAY_API_KEY");
  char *key;

  if (env_key != NULL && env_key[0] != '\0')
    return g_strdup (env_key);

  key = pb_cli_dup_stdin_line (_("API key: "));
  if (key == NULL || key[0] == '\0')
    {
      g_free (key);
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                           _("No API key was given; type it or pipe it to standard input, "
                             "or set PATCHBAY_API_KEY"));
      return NULL;
    }

  return key;
}

static gboolean
check_key (PbCli      *cli,
           PbAccount  *account,
           const char *key,
           GError    **error)
{
  g_autoptr(PbClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  client = pb_client_new (pb_cli_get_soup_session (cli), pb_account_get_api_base (account),
                          pb_account_get_subdomain (account), key);
  pb_client_check_async (client, NULL, pb_cli_async_done, &result);

  return pb_client_check_finish (client, pb_cli_await (&result), error);
}

static PbAccount *
build_new_account (PbCli       *cli,
                   const char  *input,
                   const char  *label,
                   const char  *api_base,
                   gboolean     production,
                   GError     **error)
{
  g_autoptr(PbAccount) account = NULL;
  g_autoptr(PbAccount) existing = NULL;
  g_autofree char *subdomain = NULL;

  subdomain = pb_account_normalize_subdomain (input, error);
  if (subdomain == NULL)
    return NULL;

  existing = pb_store_find_account (cli->store, subdomain, NULL);
  if (existing != NULL)
    {
      g_set_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                   _("The account “%s” is already set up"), subdomain);
      return NULL;
    }

  account = pb_account_new (subdomain);
  if (label != NULL)
    pb_account_set_label (account, label);
  pb_account_set_api_base (account, api_base ? api_base : PB_DEFAULT_API_BASE);
  pb_account_set_production (account, production);

  return g_steal_pointer (&account);
}

static gboolean
accounts_add (PbCli    *cli,
              GStrv     args,
              GError  **error)
{
  g_autofree char *label = NULL;
  g_autofree char *api_base = NULL;
  gboolean production = FALSE;
  const GOptionEntry entries[] = {
    { "label", 'l', 0, G_OPTION_ARG_STRING, &label, N_("A name to show"), N_("LABEL") },
    { "production", 0, 0, G_OPTION_ARG_NONE, &production,
      N_("Mark the account as a production system"), NULL },
    { "api-base", 0, 0, G_OPTION_ARG_STRING, &api_base,
      N_("The API base URL, when not Current RMS’s own"), N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PbAccount) account = NULL;
  g_autofree char *key = NULL;

  context = pb_cli_context_new (cli, _("accounts add SUBDOMAIN"),
                                _("Set up a Current RMS account."),
                                _("The API key is read from standard input (or from "
                                  "PATCHBAY_API_KEY), checked against the API, and kept in "
                                  "the keyring; it is never taken from the command line."),
                                entries);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] == NULL || args[2] != NULL)
    return pb_cli_usage_error (error, _("“accounts add” takes one SUBDOMAIN"));

  if (pb_cli_get_store (cli, error) == NULL)
    return FALSE;

  account = build_new_account (cli, args[1], label, api_base ? api_base : cli->api_base,
                               production, error);
  if (account == NULL)
    return FALSE;

  key = read_api_key (error);
  if (key == NULL || !check_key (cli, account, key, error))
    return FALSE;

  /* The row goes first: it is the step a duplicate account fails, and one
   * that fails must leave no key behind in the keyring. */
  if (!pb_store_save_account (cli->store, account, error))
    return FALSE;

  if (!pb_secrets_store_sync (pb_account_get_subdomain (account),
                              pb_account_get_api_base (account),
                              pb_account_get_display_name (account), key, NULL, error))
    {
      g_autoptr(GError) remove_error = NULL;

      if (!pb_store_remove_account (cli->store, pb_account_get_id (account), &remove_error))
        g_warning ("Could not undo adding the account: %s", remove_error->message);
      return FALSE;
    }

  g_print (_("Added the account “%s”.\n"), pb_account_get_subdomain (account));
  return TRUE;
}

static gboolean
accounts_remove (PbCli    *cli,
                 GStrv     args,
                 GError  **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) secret_error = NULL;
  g_autoptr(PbAccount) account = NULL;

  context = pb_cli_context_new (cli, _("accounts remove NAME"),
                                _("Forget an account, its cache and its stored API key."),
                                NULL, NULL);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] == NULL || args[2] != NULL)
    return pb_cli_usage_error (error, _("“accounts remove” takes one account NAME"));

  g_free (cli->account_name);
  cli->account_name = g_strdup (args[1]);
  account = pb_cli_resolve_account (cli, error);
  if (account == NULL)
    return FALSE;

  if (!pb_account_get_demo (account) &&
      !pb_secrets_clear_sync (pb_account_get_subdomain (account),
                              pb_account_get_api_base (account), NULL, &secret_error))
    g_printerr (_("%s: the API key could not be removed from the keyring: %s\n"),
                g_get_prgname (), secret_error->message);

  if (!pb_store_remove_account (cli->store, pb_account_get_id (account), error))
    return FALSE;

  g_print (_("Removed the account “%s”.\n"), pb_account_get_subdomain (account));
  return TRUE;
}

static const PbCliCommand commands[] = {
  { "list", accounts_list },
  { "add", accounts_add },
  { "remove", accounts_remove },
  { NULL, NULL },
};

gboolean
pb_cli_accounts (PbCli    *cli,
                 GStrv     args,
                 GError  **error)
{
  return pb_cli_dispatch (cli, "accounts", _("Set up the Current RMS accounts Patchbay uses."),
                          commands, args, error);
}
