/* pb-cli-output.c: tables, JSON and times as patchbay-cli prints them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#ifdef G_OS_UNIX
#include <termios.h>
#endif

#include "pb-cli.h"

struct _PbCliTable
{
  guint      n_columns;
  GPtrArray *rows;
};

static GStrv
collect_cells (const char *first,
               va_list     args,
               guint       n_expected)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    {
      g_strv_builder_add (builder, cell);
      n++;
    }
  for (; n < n_expected; n++)
    g_strv_builder_add (builder, "");

  return g_strv_builder_end (builder);
}

/**
 * pb_cli_table_new:
 * @first_header: the first column's header, then the others, then %NULL
 *
 * Returns: (transfer full): an empty table with those columns
 */
PbCliTable *
pb_cli_table_new (const char *first_header,
                  ...)
{
  PbCliTable *table;
  va_list args;
  GStrv headers;

  g_return_val_if_fail (first_header != NULL, NULL);

  va_start (args, first_header);
  headers = collect_cells (first_header, args, 0);
  va_end (args);

  table = g_new0 (PbCliTable, 1);
  table->n_columns = g_strv_length (headers);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_ptr_array_add (table->rows, headers);

  return table;
}

/**
 * pb_cli_table_add_row:
 * @table: a table
 * @first_cell: (nullable): the first cell, then the others, then %NULL;
 *   missing cells are left blank
 */
void
pb_cli_table_add_row (PbCliTable *table,
                      const char *first_cell,
                      ...)
{
  va_list args;

  g_return_if_fail (table != NULL);

  va_start (args, first_cell);
  g_ptr_array_add (table->rows, collect_cells (first_cell, args, table->n_columns));
  va_end (args);
}

static void
append_padded (GString    *line,
               const char *cell,
               guint       width)
{
  glong length = g_utf8_strlen (cell, -1);

  g_string_append (line, cell);
  for (glong i = length; i < (glong)width; i++)
    g_string_append_c (line, ' ');
}

/**
 * pb_cli_table_print:
 * @table: a table
 *
 * Prints @table on stdout, each column as wide as its widest cell.
 */
void
pb_cli_table_print (PbCliTable *table)
{
  g_autofree guint *widths = NULL;

  g_return_if_fail (table != NULL);

  widths = g_new0 (guint, table->n_columns);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns && row[c] != NULL; c++)
        widths[c] = MAX (widths[c], (guint)g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      GStrv row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns && row[c] != NULL; c++)
        {
          gboolean last = c + 1 == table->n_columns;

          append_padded (line, row[c], last ? 0 : widths[c]);
          if (!last)
            g_string_append (line, "  ");
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

void
pb_cli_table_free (PbCliTable *table)
{
  if (table == NULL)
    return;

  g_ptr_array_unref (table->rows);
  g_free (table);
}

/**
 * pb_cli_print_json:
 * @node: the JSON to print on stdout, indented
 */
void
pb_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  g_return_if_fail (node != NULL);

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static GDateTime *
new_utc_time (gint64 unix_usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (unix_usec / G_USEC_PER_SEC);

  return g_date_time_add (seconds, unix_usec % G_USEC_PER_SEC);
}

/**
 * pb_cli_format_time:
 * @unix_usec: µs since the epoch, or 0
 *
 * Returns: (transfer full): the local time for people, or "never" for 0
 */
char *
pb_cli_format_time (gint64 unix_usec)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_usec <= 0)
    return g_strdup (_("never"));

  time = new_utc_time (unix_usec);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/**
 * pb_cli_format_iso_time:
 * @unix_usec: µs since the epoch
 *
 * Returns: (transfer full) (nullable): the UTC time in ISO 8601, or %NULL
 *   for 0
 */
char *
pb_cli_format_iso_time (gint64 unix_usec)
{
  g_autoptr(GDateTime) time = NULL;

  if (unix_usec <= 0)
    return NULL;

  time = new_utc_time (unix_usec);
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/**
 * pb_cli_webhook_to_json:
 * @webhook: a webhook
 *
 * Returns: (transfer full): @webhook as lists and `show` print it, with
 *   the secret part of its target URL hidden
 */
JsonNode *
pb_cli_webhook_to_json (PbWebhook *webhook)
{
  g_autofree char *redacted = NULL;
  JsonNode *node;

  g_return_val_if_fail (PB_IS_WEBHOOK (webhook), NULL);

  node = pb_webhook_to_json (webhook);
  redacted = pb_webhook_dup_redacted_url (pb_webhook_get_target_url (webhook));
  json_object_set_string_member (json_node_get_object (node), "target_url", redacted);

  return node;
}

static void
set_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL && value[0] != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * pb_cli_delivery_to_json:
 * @delivery: a delivery
 *
 * Returns: (transfer full): the summary of @delivery that `listen` and
 *   `deliveries list` print
 */
JsonNode *
pb_cli_delivery_to_json (PbDelivery *delivery)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *received = NULL;

  g_return_val_if_fail (PB_IS_DELIVERY (delivery), NULL);

  received = pb_cli_format_iso_time (pb_delivery_get_received_at (delivery));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, pb_delivery_get_id (delivery));
  set_string_or_null (builder, "received_at", received);
  set_string_or_null (builder, "event", pb_delivery_get_event (delivery));
  set_string_or_null (builder, "subject_type", pb_delivery_get_subject_type (delivery));
  json_builder_set_member_name (builder, "subject_id");
  json_builder_add_int_value (builder, pb_delivery_get_subject_id (delivery));
  json_builder_set_member_name (builder, "action_id");
  json_builder_add_int_value (builder, pb_delivery_get_action_id (delivery));
  set_string_or_null (builder, "member", pb_delivery_get_member_name (delivery));
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, pb_delivery_get_valid (delivery));
  json_builder_set_member_name (builder, "retry");
  json_builder_add_boolean_value (builder, pb_delivery_get_is_retry (delivery));
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, pb_delivery_get_status_code (delivery));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

#ifdef G_OS_UNIX
static gboolean
set_echo (gboolean echo)
{
  struct termios attrs;

  if (tcgetattr (STDIN_FILENO, &attrs) != 0)
    return FALSE;
  if (echo)
    attrs.c_lflag |= ECHO;
  else
    attrs.c_lflag &= ~ECHO;
  return tcsetattr (STDIN_FILENO, TCSAFLUSH, &attrs) == 0;
}
#endif

/**
 * pb_cli_dup_stdin_line:
 * @prompt: (nullable): what to ask for when stdin is a terminal
 *
 * Reads one line from stdin, without echoing it on a terminal, since it is
 * used for API keys.
 *
 * Returns: (transfer full) (nullable): the line without its end, or %NULL at
 *   the end of input
 */
char *
pb_cli_dup_stdin_line (const char *prompt)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean tty = isatty (STDIN_FILENO);
  gboolean hidden = FALSE;
  int c;

  if (tty && prompt != NULL)
    {
      g_printerr ("%s", prompt);
#ifdef G_OS_UNIX
      hidden = set_echo (FALSE);
#endif
    }

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char)c);

#ifdef G_OS_UNIX
  if (hidden)
    {
      set_echo (TRUE);
      g_printerr ("\n");
    }
#endif

  if (c == EOF && line->len == 0)
    return NULL;

  return g_strstrip (g_string_free (g_steal_pointer (&line), FALSE));
}
