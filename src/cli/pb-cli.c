/* pb-cli.c: option parsing, command dispatch and shared state of patchbay-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-cli"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "pb-catalog.h"
#include "pb-cli.h"
#include "pb-error.h"
#include "pb-secrets.h"

/**
 * pb_cli_new:
 *
 * Returns: (transfer full): a command-line state with no options set
 */
PbCli *
pb_cli_new (void)
{
  return g_new0 (PbCli, 1);
}

void
pb_cli_free (PbCli *cli)
{
  if (cli == NULL)
    return;

  if (cli->demo != NULL)
    pb_demo_stop (cli->demo);
  if (cli->receiver != NULL)
    pb_receiver_stop (cli->receiver);

  g_clear_object (&cli->session);
  g_clear_object (&cli->demo);
  g_clear_object (&cli->receiver);
  g_clear_object (&cli->soup);
  g_clear_object (&cli->store);
  g_clear_pointer (&cli->account_name, g_free);
  g_clear_pointer (&cli->api_base, g_free);
  g_free (cli);
}

static void
fill_global_entries (PbCli        *cli,
                     GOptionEntry  entries[5])
{
  const GOptionEntry globals[] = {
    { "account", 'a', 0, G_OPTION_ARG_STRING, &cli->account_name,
      N_("Use the account with this subdomain or label"), N_("NAME") },
    { "api-base", 0, 0, G_OPTION_ARG_STRING, &cli->api_base,
      N_("Send API requests to this base URL"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      N_("Print JSON instead of tables"), NULL },
    { "simulator", 0, 0, G_OPTION_ARG_NONE, &cli->simulator,
      N_("Work against a built-in simulated account with sample data"), NULL },
    G_OPTION_ENTRY_NULL
  };

  memcpy (entries, globals, sizeof globals);
}

/**
 * pb_cli_context_new:
 * @cli: the command-line state
 * @parameters: what follows the options in the usage line
 * @summary: (nullable): what the command does
 * @description: (nullable): text after the options
 * @entries: (nullable): the command's own options
 *
 * Returns: (transfer full): a context that also accepts the global options
 */
GOptionContext *
pb_cli_context_new (PbCli              *cli,
                    const char         *parameters,
                    const char         *summary,
                    const char         *description,
                    const GOptionEntry *entries)
{
  GOptionContext *context;
  GOptionGroup *group;
  GOptionEntry globals[5];

  g_return_val_if_fail (cli != NULL, NULL);

  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  fill_global_entries (cli, globals);
  group = g_option_group_new ("global", _("Global Options:"),
                              _("Show the options every command accepts"), NULL, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, globals);
  g_option_context_add_group (context, group);

  return context;
}

/**
 * pb_cli_parse:
 * @context: a context from pb_cli_context_new()
 * @args: (inout): the command's arguments; the options are taken out
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the options were understood
 */
gboolean
pb_cli_parse (GOptionContext  *context,
              GStrv           *args,
              GError         **error)
{
  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (args != NULL && *args != NULL, FALSE);

  return g_option_context_parse_strv (context, args, error);
}

/**
 * pb_cli_usage_error:
 * @error: return location for a #GError
 * @format: printf-style message
 *
 * Sets a usage error, which makes the program exit with %PB_CLI_EXIT_USAGE.
 *
 * Returns: %FALSE, so that a command can return it directly
 */
gboolean
pb_cli_usage_error (GError     **error,
                    const char  *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (G_OPTION_ERROR, G_OPTION_ERROR_FAILED, format, args);
  va_end (args);

  return FALSE;
}

static void
print_group_help (const char         *group,
                  const char         *summary,
                  const PbCliCommand *commands)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("Usage:\n  %s [OPTION…] %s COMMAND [ARGUMENT…]\n\n"),
                          g_get_prgname (), group);
  g_string_append_printf (text, "%s\n\n", summary);
  g_string_append (text, _("Commands:\n"));
  for (guint i = 0; commands[i].name != NULL; i++)
    g_string_append_printf (text, "  %s %s\n", group, commands[i].name);
  g_string_append_printf (text, _("\nRun “%s %s COMMAND --help” for a command’s options.\n"),
                          g_get_prgname (), group);

  g_print ("%s", text->str);
}

static gboolean
is_help (const char *arg)
{
  return g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0 ||
         g_strcmp0 (arg, "-?") == 0 || g_strcmp0 (arg, "help") == 0;
}

/**
 * pb_cli_dispatch:
 * @cli: the command-line state
 * @group: the name of the command group, such as "webhooks"
 * @summary: what the group is for, shown by its help
 * @commands: the group's commands, ending with an entry whose name is %NULL
 * @args: the group name followed by a command and its arguments
 * @error: return location for a #GError
 *
 * Runs the command that @args names.
 *
 * Returns: what the command returned
 */
gboolean
pb_cli_dispatch (PbCli               *cli,
                 const char          *group,
                 const char          *summary,
                 const PbCliCommand  *commands,
                 GStrv                args,
                 GError             **error)
{
  const char *name;

  g_return_val_if_fail (cli != NULL, FALSE);
  g_return_val_if_fail (args != NULL && args[0] != NULL, FALSE);

  name = args[1];
  if (is_help (name))
    {
      print_group_help (group, summary, commands);
      return TRUE;
    }
  if (name == NULL)
    return pb_cli_usage_error (error, _("“%s” needs a command; see “%s %s --help”"),
                               group, g_get_prgname (), group);

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (commands[i].name, name))
        {
          g_auto(GStrv) sub = g_strdupv (args + 1);

          return commands[i].run (cli, sub, error);
        }
    }

  return pb_cli_usage_error (error, _("“%s %s” is not a command; see “%s %s --help”"),
                             group, name, g_get_prgname (), group);
}

/**
 * pb_cli_exit_status_for:
 * @error: the error a command failed with
 *
 * Returns: the documented exit status for @error
 */
int
pb_cli_exit_status_for (const GError *error)
{
  g_return_val_if_fail (error != NULL, PB_CLI_EXIT_FAILURE);

  if (error->domain == G_OPTION_ERROR)
    return PB_CLI_EXIT_USAGE;

  if (error->domain == PB_ERROR)
    {
      switch ((PbErrorCode)error->code)
        {
        case PB_ERROR_AUTHENTICATION:
          return PB_CLI_EXIT_AUTH;
        case PB_ERROR_NOT_FOUND:
          return PB_CLI_EXIT_NOT_FOUND;
        case PB_ERROR_VALIDATION:
        case PB_ERROR_INVALID_INPUT:
          return PB_CLI_EXIT_VALIDATION;
        case PB_ERROR_NETWORK:
        case PB_ERROR_TIMEOUT:
        case PB_ERROR_RATE_LIMITED:
        case PB_ERROR_SERVER:
        case PB_ERROR_BAD_RESPONSE:
          return PB_CLI_EXIT_NETWORK;
        case PB_ERROR_STORAGE:
        case PB_ERROR_SECRETS:
          return PB_CLI_EXIT_STORAGE;
        case PB_ERROR_FAILED:
        default:
          return PB_CLI_EXIT_FAILURE;
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return PB_CLI_EXIT_NOT_FOUND;
  if (error->domain == JSON_PARSER_ERROR)
    return PB_CLI_EXIT_VALIDATION;
  if (pb_error_is_transient (error) || error->domain == G_RESOLVER_ERROR ||
      error->domain == SOUP_SESSION_ERROR || error->domain == G_TLS_ERROR)
    return PB_CLI_EXIT_NETWORK;

  return PB_CLI_EXIT_FAILURE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/**
 * pb_cli_print_error:
 * @error: the error a command failed with
 *
 * Prints @error on one line of stderr, followed by what the server or the
 * local checks said of each field.
 */
void
pb_cli_print_error (const GError *error)
{
  g_autoptr(GString) line = NULL;
  g_autofree const char **fields = NULL;
  GHashTable *messages;
  guint n_fields = 0;

  g_return_if_fail (error != NULL);

  line = g_string_new (error->message);
  messages = pb_error_get_field_messages (error);
  if (messages != NULL && g_hash_table_size (messages) > 0)
    {
      fields = (const char **)g_hash_table_get_keys_as_array (messages, &n_fields);
      qsort (fields, n_fields, sizeof (char *), compare_strings);
      g_string_append (line, " (");
      for (guint i = 0; i < n_fields; i++)
        {
          const char *field = fields[i];

          if (i > 0)
            g_string_append (line, "; ");
          if (field[0] != '\0')
            g_string_append_printf (line, "%s: ", field);
          g_string_append (line, g_hash_table_lookup (messages, field));
        }
      g_string_append (line, ")");
    }

  g_printerr ("%s: %s\n", g_get_prgname (), line->str);
}

/**
 * pb_cli_async_done:
 * @source: the source object
 * @result: the result
 * @user_data: a `GAsyncResult **` slot that pb_cli_await() watches
 *
 * A #GAsyncReadyCallback that keeps @result for pb_cli_await().
 */
void
pb_cli_async_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/**
 * pb_cli_await:
 * @slot: a slot filled by pb_cli_async_done()
 *
 * Runs the main context until the operation that reports to @slot ends;
 * a command line has nothing else to do meanwhile.
 *
 * Returns: (transfer none): the result, still owned by @slot
 */
GAsyncResult *
pb_cli_await (GAsyncResult **slot)
{
  g_return_val_if_fail (slot != NULL, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/**
 * pb_cli_get_store:
 * @cli: the command-line state
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the cache shared with the app
 */
PbStore *
pb_cli_get_store (PbCli   *cli,
                  GError **error)
{
  g_return_val_if_fail (cli != NULL, NULL);

  if (cli->store == NULL)
    cli->store = pb_store_new (NULL, error);

  return cli->store;
}

/* The app's receiver settings, when its schema is installed, so that target
 * URLs made here match the receiver the app runs. */
static void
apply_receiver_settings (PbReceiver *receiver)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *address = NULL;
  g_autofree char *public_url = NULL;

  if (source == NULL)
    return;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  address = g_settings_get_string (settings, "receiver-address");
  public_url = g_settings_get_string (settings, "public-url");
  pb_receiver_set_address (receiver, address);
  pb_receiver_set_port (receiver, g_settings_get_uint (settings, "receiver-port"));
  pb_receiver_set_public_url (receiver, public_url[0] != '\0' ? public_url : NULL);
}

/**
 * pb_cli_get_receiver:
 * @cli: the command-line state
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): a receiver over the store, not
 *   started
 */
PbReceiver *
pb_cli_get_receiver (PbCli   *cli,
                     GError **error)
{
  PbStore *store;

  g_return_val_if_fail (cli != NULL, NULL);

  if (cli->receiver != NULL)
    return cli->receiver;

  store = pb_cli_get_store (cli, error);
  if (store == NULL)
    return NULL;

  cli->receiver = pb_receiver_new (store);
  apply_receiver_settings (cli->receiver);
  return cli->receiver;
}

/**
 * pb_cli_get_soup_session:
 * @cli: the command-line state
 *
 * Returns: (transfer none): the HTTP session every command of @cli shares
 */
SoupSession *
pb_cli_get_soup_session (PbCli *cli)
{
  g_return_val_if_fail (cli != NULL, NULL);

  if (cli->soup == NULL)
    cli->soup = pb_client_session_new ();

  return cli->soup;
}

/**
 * pb_cli_start_demo:
 * @cli: the command-line state
 * @scenario_interval_ms: how often the simulator fires a delivery, 0 never
 * @error: return location for a #GError
 *
 * Starts the in-process simulator behind --simulator, delivering to the
 * receiver of @cli (which need not be listening).
 *
 * Returns: %TRUE when the demo account runs
 */
gboolean
pb_cli_start_demo (PbCli   *cli,
                   guint    scenario_interval_ms,
                   GError **error)
{
  PbReceiver *receiver;

  g_return_val_if_fail (cli != NULL, FALSE);

  if (cli->demo != NULL)
    return TRUE;

  receiver = pb_cli_get_receiver (cli, error);
  if (receiver == NULL)
    return FALSE;

  cli->demo = pb_demo_new (cli->store, receiver);
  pb_demo_set_scenario_interval (cli->demo, scenario_interval_ms);
  if (!pb_demo_start (cli->demo, error))
    {
      g_clear_object (&cli->demo);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_not_found (const GError *error)
{
  return g_error_matches (error, PB_ERROR, PB_ERROR_NOT_FOUND);
}

/* The single account that is not the demo one, or NULL. */
static PbAccount *
find_only_account (PbStore  *store,
                   gboolean *several,
                   GError  **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  PbAccount *found = NULL;

  *several = FALSE;
  accounts = pb_store_list_accounts (store, error);
  if (accounts == NULL)
    return NULL;

  for (guint i = 0; i < accounts->len; i++)
    {
      PbAccount *account = g_ptr_array_index (accounts, i);

      if (pb_account_get_demo (account))
        continue;
      if (found != NULL)
        {
          *several = TRUE;
          return NULL;
        }
      found = account;
    }

  return found ? g_object_ref (found) : NULL;
}

/* An account named only by the environment is kept as a row too, so that
 * its webhooks have a cache to fall back on when the API cannot be reached.
 * Its key still lives only in the environment. */
static PbAccount *
account_from_env (PbCli   *cli,
                  GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PbAccount) account = NULL;
  g_autofree char *subdomain = NULL;
  const char *env_base = g_getenv ("PATCHBAY_API_BASE");

  subdomain = pb_account_normalize_subdomain (g_getenv ("PATCHBAY_SUBDOMAIN"), error);
  if (subdomain == NULL)
    return NULL;

  account = pb_store_find_account (cli->store, subdomain, &local_error);
  if (account != NULL)
    return g_steal_pointer (&account);
  if (local_error != NULL && !is_not_found (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  account = pb_account_new (subdomain);
  if (cli->api_base != NULL)
    pb_account_set_api_base (account, cli->api_base);
  else if (env_base != NULL && env_base[0] != '\0')
    pb_account_set_api_base (account, env_base);
  if (!pb_store_save_account (cli->store, account, error))
    return NULL;

  return g_steal_pointer (&account);
}

static PbAccount *
find_named_account (PbCli   *cli,
                    GError **error)
{
  g_autoptr(GError) local_error = NULL;
  PbAccount *account;

  account = pb_store_find_account (cli->store, cli->account_name, &local_error);
  if (account != NULL)
    return account;

  if (local_error == NULL || is_not_found (local_error))
    g_set_error (error, PB_ERROR, PB_ERROR_NOT_FOUND,
                 _("There is no account named “%s”; “accounts list” shows them"),
                 cli->account_name);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

/**
 * pb_cli_resolve_account:
 * @cli: the command-line state
 * @error: return location for a #GError
 *
 * Finds the account a command works on: the one --account names, else the
 * only stored account that is not the demo, else the one that
 * PATCHBAY_SUBDOMAIN names. --api-base replaces its API base, unsaved.
 *
 * Returns: (transfer full) (nullable): the account
 */
PbAccount *
pb_cli_resolve_account (PbCli   *cli,
                        GError **error)
{
  g_autoptr(PbAccount) account = NULL;
  const char *env_subdomain = g_getenv ("PATCHBAY_SUBDOMAIN");
  gboolean several = FALSE;

  g_return_val_if_fail (cli != NULL, NULL);

  if (pb_cli_get_store (cli, error) == NULL)
    return NULL;

  if (cli->account_name != NULL)
    account = find_named_account (cli, error);
  else
    {
      g_autoptr(GError) local_error = NULL;

      account = find_only_account (cli->store, &several, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (account == NULL && env_subdomain != NULL && env_subdomain[0] != '\0')
        account = account_from_env (cli, error);
      else if (account == NULL && several)
        pb_cli_usage_error (error, _("Several accounts are set up; choose one with --account"));
      else if (account == NULL)
        g_set_error_literal (error, PB_ERROR, PB_ERROR_NOT_FOUND,
                             _("No account is set up; add one with “accounts add SUBDOMAIN” "
                               "or set PATCHBAY_SUBDOMAIN and PATCHBAY_API_KEY"));
    }

  if (account != NULL && cli->api_base != NULL)
    pb_account_set_api_base (account, cli->api_base);

  return g_steal_pointer (&account);
}

static const char *
effective_api_base (PbAccount *account)
{
  const char *api_base = pb_account_get_api_base (account);

  return (api_base != NULL && api_base[0] != '\0') ? api_base : PB_DEFAULT_API_BASE;
}

static char *
lookup_api_key (PbAccount  *account,
                GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *subdomain = pb_account_get_subdomain (account);
  const char *api_base = effective_api_base (account);
  char *key;

  key = pb_secrets_lookup_env (subdomain, api_base);
  if (key != NULL)
    return key;

  key = pb_secrets_lookup_sync (subdomain, api_base, NULL, &local_error);
  if (key != NULL)
    return key;

  if (local_error != NULL && !is_not_found (local_error))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, PB_ERROR, PB_ERROR_AUTHENTICATION,
                 _("No API key is known for “%s”; add the account again or set "
                   "PATCHBAY_API_KEY"), subdomain);

  return NULL;
}

static gboolean
make_demo_session (PbCli   *cli,
                   GError **error)
{
  g_autoptr(PbClient) client = NULL;

  if (!pb_cli_start_demo (cli, 0, error))
    return FALSE;

  client = pb_demo_create_client (cli->demo, pb_cli_get_soup_session (cli));
  cli->session = pb_account_session_new (cli->store, pb_demo_get_account (cli->demo),
                                         client, pb_catalog_get_default ());
  return TRUE;
}

/**
 * pb_cli_get_session:
 * @cli: the command-line state
 * @error: return location for a #GError
 *
 * Connects the account the options choose, or the simulated one with
 * --simulator.
 *
 * Returns: (transfer none) (nullable): the session of that account
 */
PbAccountSession *
pb_cli_get_session (PbCli   *cli,
                    GError **error)
{
  g_autoptr(PbAccount) account = NULL;
  g_autoptr(PbClient) client = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (cli != NULL, NULL);

  if (cli->session != NULL)
    return cli->session;

  if (cli->simulator)
    return make_demo_session (cli, error) ? cli->session : NULL;

  account = pb_cli_resolve_account (cli, error);
  if (account == NULL)
    return NULL;

  key = lookup_api_key (account, error);
  if (key == NULL)
    return NULL;

  client = pb_client_new (pb_cli_get_soup_session (cli), effective_api_base (account),
                          pb_account_get_subdomain (account), key);
  cli->session = pb_account_session_new (cli->store, account, client,
                                         pb_catalog_get_default ());
  return cli->session;
}

static const PbCliCommand top_commands[] = {
  { "accounts", pb_cli_accounts },
  { "webhooks", pb_cli_webhooks },
  { "events", pb_cli_events },
  { "listen", pb_cli_listen },
  { "deliveries", pb_cli_deliveries },
  { NULL, NULL },
};

static char *
main_description (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append (text, _("Commands:\n"
    "  accounts list | add SUBDOMAIN | remove NAME\n"
    "  webhooks list | show | create | update | delete | export | import\n"
    "  events [--search WORDS]\n"
    "  listen [--address A] [--port P]\n"
    "  deliveries list | search | show | replay\n"
    "\n"
    "Run “COMMAND --help” for what a command accepts.\n"
    "\n"
    "The account is the one --account names, else the only one set up, else the one\n"
    "PATCHBAY_SUBDOMAIN names (with PATCHBAY_API_KEY and PATCHBAY_API_BASE).\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  failure\n"
    "  2  usage error\n"
    "  3  authentication refused or no API key\n"
    "  4  not found\n"
    "  5  validation failed\n"
    "  6  network or server problem (including timeout, rate limit, bad response)\n"
    "  7  local storage or keyring problem\n"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GOptionContext *
main_context_new (PbCli *cli)
{
  g_autofree char *description = main_description ();
  GOptionContext *context;
  GOptionEntry globals[5];

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Manage the webhooks of a Current RMS account and watch "
                                  "their deliveries."));
  g_option_context_set_description (context, description);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  fill_global_entries (cli, globals);
  g_option_context_add_main_entries (context, globals, GETTEXT_PACKAGE);

  return context;
}

static gboolean
run_command (PbCli    *cli,
             GStrv     args,
             GError  **error)
{
  g_autoptr(GOptionContext) context = main_context_new (cli);
  g_autofree char *help = NULL;

  if (!pb_cli_parse (context, &args, error))
    return FALSE;

  if (args[1] == NULL)
    {
      help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return pb_cli_usage_error (error, _("Name a command"));
    }

  for (guint i = 0; top_commands[i].name != NULL; i++)
    {
      if (g_str_equal (top_commands[i].name, args[1]))
        {
          g_auto(GStrv) sub = g_strdupv (args + 1);

          return top_commands[i].run (cli, sub, error);
        }
    }

  return pb_cli_usage_error (error, _("“%s” is not a command; see “%s --help”"),
                             args[1], g_get_prgname ());
}

/**
 * pb_cli_main:
 * @argc: the argument count
 * @argv: the arguments
 *
 * Returns: the exit status
 */
int
pb_cli_main (int    argc,
             char **argv)
{
  g_autoptr(PbCli) cli = pb_cli_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;

  g_return_val_if_fail (argc > 0, PB_CLI_EXIT_USAGE);

  g_set_prgname ("patchbay-cli");
  args = g_strdupv (argv);
  if (run_command (cli, args, &error))
    return PB_CLI_EXIT_OK;

  pb_cli_print_error (error);
  return pb_cli_exit_status_for (error);
}
