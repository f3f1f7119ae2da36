/* bench-ui.c: how the webhooks page and the live log cope with many rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-bench"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pb-live-log-page.h"
#include "pb-simulator.h"
#include "pb-webhook-row.h"
#include "pb-webhooks-page.h"

#define RARE_WORD "quokka"
#define COMMON_WORD "lantern"
#define N_CHANGED 10

static int n_webhooks = 10000;
static int n_deliveries = 500;
static double scroll_pages = 1.0;
static int max_seconds = 120;

static const char * const events[] = {
  "opportunity_convert_to_order",
  "opportunity_create",
  "opportunity_update",
  "opportunity_book_out_item",
  "opportunity_check_in_item",
  "invoice_create",
  "member_create",
  "member_update",
  "product_create",
  "stock_level_update",
};

static const char * const teams[] = {
  "Warehouse", "Finance", "Crew", "Sales", "Logistics", "Service", "Hire desk",
};

static const char * const targets[] = {
  "Slack", "ERP", "ledger", "CRM", "dispatch board", "data lake", "SMS gateway",
  "tracker", "invoicing", "mailer", "archive",
};

static const char * const hosts[] = {
  "hooks.example.com", "erp.example.net", "ops.example.org", "crm.example.com",
  "relay.example.io",
};

/* items-changed emissions of one model */
typedef struct
{
  guint n_changes;
  guint n_added;
  guint n_removed;
} Counter;

/* Everything one run measures, and what it needs to. */
typedef struct
{
  PbSimulator      *simulator;
  PbStore          *store;
  PbAccount        *account;
  PbCatalog        *catalog;
  PbClient         *client;
  PbAccountSession *session;
  char             *dir;

  GtkWindow        *window;
  GtkWidget        *page;
  GdkFrameClock    *clock;
  gulong            after_paint_id;
  gulong            before_paint_id;
  gint64            before_paint_at;
  GArray           *paints;      /* gint64: after-paint times */
  GArray           *frame_work;  /* gint64: before-paint to after-paint */
  guint             n_paints;

  Counter           session_changes;
  Counter           view_changes;

  gint64            stall_last;
  gint64            stall_worst;
  guint             stall_id;

  gboolean          failed;
} Bench;

/* Figures for the closing table */
typedef struct
{
  char *label;
  char *value;
} Figure;

static GPtrArray *figures;

static void
figure_free (Figure *figure)
{
  g_free (figure->label);
  g_free (figure->value);
  g_free (figure);
}

G_GNUC_PRINTF (2, 3)
static void
add_figure (const char *label,
            const char *format,
            ...)
{
  Figure *figure = g_new0 (Figure, 1);
  va_list args;

  va_start (args, format);
  figure->label = g_strdup (label);
  figure->value = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (figures, figure);
  g_print ("  %-38s %s\n", label, figure->value);
}

/* With BENCH_UI_MARKS set, phases print their CLOCK_MONOTONIC span, for
 * `perf record -k CLOCK_MONOTONIC` and `perf report --time START,END`. */
static void
mark (const char *phase,
      gint64      start)
{
  if (g_getenv ("BENCH_UI_MARKS") != NULL)
    g_print ("  [mark] %s %.6f,%.6f\n", phase, start / (double)G_USEC_PER_SEC,
             g_get_monotonic_time () / (double)G_USEC_PER_SEC);
}

static double
ms (gint64 usec)
{
  return usec / 1000.0;
}

static void
fail (Bench      *bench,
      const char *what)
{
  g_printerr ("bench-ui: %s\n", what);
  bench->failed = TRUE;
}

/* Waiting */

typedef gboolean (*Condition) (Bench *bench);

static gboolean
on_deadline (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @cond holds; FALSE when it never did. */
static gboolean
wait_for (Bench     *bench,
          Condition  cond,
          guint      seconds)
{
  gboolean late = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_deadline, &late);

  while (!cond (bench) && !late)
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (id);

  return !late;
}

/* Lets the main loop run for @msec, e.g. for a debounce to pass. */
static void
run_for (guint msec)
{
  gboolean over = FALSE;

  g_timeout_add (msec, on_deadline, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

/* The main loop's longest gap, seen by a 10 ms timeout */

static gboolean
on_stall_tick (gpointer data)
{
  Bench *bench = data;
  gint64 now = g_get_monotonic_time ();

  bench->stall_worst = MAX (bench->stall_worst, now - bench->stall_last);
  bench->stall_last = now;
  return G_SOURCE_CONTINUE;
}

static void
stall_start (Bench *bench)
{
  bench->stall_last = g_get_monotonic_time ();
  bench->stall_worst = 0;
  bench->stall_id = g_timeout_add (10, on_stall_tick, bench);
}

static gint64
stall_stop (Bench *bench)
{
  on_stall_tick (bench);
  g_clear_handle_id (&bench->stall_id, g_source_remove);
  return bench->stall_worst;
}

/* Counting a model's items-changed */

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Counter    *counter)
{
  counter->n_changes++;
  counter->n_added += added;
  counter->n_removed += removed;
}

static void
reset_changes (Bench *bench)
{
  memset (&bench->session_changes, 0, sizeof bench->session_changes);
  memset (&bench->view_changes, 0, sizeof bench->view_changes);
}

/* Frames */

static void
on_before_paint (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->before_paint_at = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  gint64 work = now - bench->before_paint_at;

  g_array_append_val (bench->paints, now);
  g_array_append_val (bench->frame_work, work);
  bench->n_paints++;
}

static void
watch_frames (Bench *bench)
{
  bench->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (bench->window)));
  bench->before_paint_id = g_signal_connect (bench->clock, "before-paint",
                                             G_CALLBACK (on_before_paint), bench);
  bench->after_paint_id = g_signal_connect (bench->clock, "after-paint",
                                            G_CALLBACK (on_after_paint), bench);
}

static void
unwatch_frames (Bench *bench)
{
  if (bench->clock == NULL)
    return;
  g_clear_signal_handler (&bench->before_paint_id, bench->clock);
  g_clear_signal_handler (&bench->after_paint_id, bench->clock);
  g_clear_object (&bench->clock);
}

static void
reset_frames (Bench *bench)
{
  g_array_set_size (bench->paints, 0);
  g_array_set_size (bench->frame_work, 0);
}

static gboolean
painted (Bench *bench)
{
  return bench->paints->len > 0;
}

/* Waits for the next frame and returns when it was painted. */
static gint64
next_paint (Bench *bench)
{
  reset_frames (bench);
  gtk_widget_queue_draw (GTK_WIDGET (bench->window));
  if (!wait_for (bench, painted, 10))
    {
      fail (bench, "no frame was painted within 10 s");
      return g_get_monotonic_time ();
    }
  return g_array_index (bench->paints, gint64, 0);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* Sorts @values and returns its @fraction quantile, by nearest rank. */
static gint64
quantile (GArray *values,
          double  fraction)
{
  guint rank;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_int64);
  rank = (guint)(fraction * values->len + 0.5);
  return g_array_index (values, gint64, CLAMP (rank, 1, values->len) - 1);
}

/* The fixture */

static char *
webhook_name (guint i)
{
  return g_strdup_printf ("%s%s %s to %s %05u",
                          i % 100 == 7 ? "Quokka " : "",
                          i % 2 == 0 ? "Lantern" : "Beacon",
                          teams[i % G_N_ELEMENTS (teams)],
                          targets[(i / 3) % G_N_ELEMENTS (targets)], i);
}

static void
add_webhooks (Bench *bench)
{
  for (guint i = 0; i < (guint)n_webhooks; i++)
    {
      g_autofree char *name = webhook_name (i);
      g_autofree char *url =
        g_strdup_printf ("https://%s/in/%u?token=secret%08x", hosts[i % G_N_ELEMENTS (hosts)],
                         i, g_random_int ());

      pb_simulator_add_webhook (bench->simulator, name, events[(i / 7) % G_N_ELEMENTS (events)],
                                url, i % 5 != 0);
    }
}

static void
set_up (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) soup = pb_client_session_new ();
  g_autofree char *api_base = NULL;
  g_autofree char *path = NULL;

  bench->dir = g_dir_make_tmp ("patchbay-bench-ui-XXXXXX", &error);
  if (bench->dir == NULL)
    g_error ("No temporary directory: %s", error->message);
  path = g_build_filename (bench->dir, "patchbay.db", NULL);
  bench->store = pb_store_new (path, &error);
  if (bench->store == NULL)
    g_error ("The benchmark database could not be created: %s", error->message);

  bench->simulator = pb_simulator_new ("bench", "bench-key");
  if (!pb_simulator_start (bench->simulator, &error))
    g_error ("The simulator could not start: %s", error->message);
  api_base = pb_simulator_dup_api_base (bench->simulator);
  add_webhooks (bench);

  bench->account = pb_account_new ("bench");
  pb_account_set_api_base (bench->account, api_base);
  if (!pb_store_save_account (bench->store, bench->account, &error))
    g_error ("The benchmark account could not be saved: %s", error->message);

  bench->client = pb_client_new (soup, api_base, "bench", "bench-key");
  pb_client_set_retry_policy (bench->client, 1, 0, 0);
  bench->catalog = pb_catalog_new ();
  bench->session = pb_account_session_new (bench->store, bench->account, bench->client,
                                           bench->catalog);
  g_signal_connect (pb_account_session_get_webhooks (bench->session), "items-changed",
                    G_CALLBACK (on_items_changed), &bench->session_changes);

  bench->paints = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench->frame_work = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
destroy_window (Bench *bench)
{
  unwatch_frames (bench);
  if (bench->window != NULL)
    gtk_window_destroy (bench->window);
  bench->window = NULL;
  bench->page = NULL;
}

static void
tear_down (Bench *bench)
{
  destroy_window (bench);
  g_signal_handlers_disconnect_by_func (pb_account_session_get_webhooks (bench->session),
                                        on_items_changed, &bench->session_changes);
  g_clear_object (&bench->session);
  g_clear_object (&bench->client);
  g_clear_object (&bench->catalog);
  g_clear_object (&bench->account);
  g_clear_object (&bench->store);
  pb_simulator_stop (bench->simulator);
  g_clear_object (&bench->simulator);
  g_clear_pointer (&bench->paints, g_array_unref);
  g_clear_pointer (&bench->frame_work, g_array_unref);
  remove_dir (bench->dir);
  g_clear_pointer (&bench->dir, g_free);
}

/* 1. Refresh */

static GAsyncResult *async_result;

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  async_result = g_object_ref (result);
}

static gboolean
async_finished (Bench *bench)
{
  return async_result != NULL;
}

/* Runs the main loop until the call started before it answers. */
static GAsyncResult *
wait_async (Bench *bench)
{
  if (!wait_for (bench, async_finished, max_seconds))
    g_error ("An asynchronous call did not finish within %d s", max_seconds);
  return g_steal_pointer (&async_result);
}

/* Fetching alone, then writing alone into a scratch account: the parts of a refresh. */
static GPtrArray *
measure_fetch (Bench *bench)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint requests = pb_simulator_count_requests (bench->simulator, "GET");
  gint64 start = g_get_monotonic_time ();
  GPtrArray *webhooks;

  pb_client_list_webhooks_async (bench->client, NULL, on_async_done, NULL);
  result = wait_async (bench);
  webhooks = pb_client_list_webhooks_finish (bench->client, result, &error);
  if (webhooks == NULL)
    g_error ("Listing the webhooks failed: %s", error->message);

  add_figure ("fetch all pages", "%.1f ms, %u GET requests, %u webhooks",
              ms (g_get_monotonic_time () - start),
              pb_simulator_count_requests (bench->simulator, "GET") - requests, webhooks->len);
  if (webhooks->len != (guint)n_webhooks)
    fail (bench, "the client did not list every webhook");

  return webhooks;
}

static void
measure_store_replace (Bench     *bench,
                       GPtrArray *webhooks)
{
  g_autoptr(PbAccount) scratch = pb_account_new ("scratch");
  g_autoptr(GError) error = NULL;
  PbSyncChanges changes = { 0, };
  gint64 start;

  if (!pb_store_save_account (bench->store, scratch, &error))
    g_error ("The scratch account could not be saved: %s", error->message);

  start = g_get_monotonic_time ();
  if (!pb_store_replace_webhooks (bench->store, pb_account_get_id (scratch), webhooks,
                                  g_get_real_time (), &changes, &error))
    g_error ("Replacing the cached webhooks failed: %s", error->message);
  add_figure ("store replace (new account)", "%.1f ms, %u added",
              ms (g_get_monotonic_time () - start), changes.added);

  start = g_get_monotonic_time ();
  if (!pb_store_replace_webhooks (bench->store, pb_account_get_id (scratch), webhooks,
                                  g_get_real_time (), &changes, &error))
    g_error ("Replacing the cached webhooks failed: %s", error->message);
  add_figure ("store replace (unchanged)", "%.1f ms, %u unchanged",
              ms (g_get_monotonic_time () - start), changes.unchanged);

  if (!pb_store_remove_account (bench->store, pb_account_get_id (scratch), &error))
    g_warning ("The scratch account could not be deleted: %s", error->message);
}

/* A whole refresh of the session; returns how long it took. */
static gint64
refresh_session (Bench         *bench,
                 PbSyncChanges *changes)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  pb_account_session_refresh_async (bench->session, NULL, on_async_done, NULL);
  result = wait_async (bench);
  if (!pb_account_session_refresh_finish (bench->session, result, changes, &error))
    g_error ("Refreshing the session failed: %s", error->message);

  return g_get_monotonic_time () - start;
}

static void
measure_refresh (Bench *bench)
{
  g_autoptr(GPtrArray) webhooks = NULL;
  PbSyncChanges changes = { 0, };
  guint requests;
  gint64 took;

  g_print ("1. refresh of %d webhooks\n", n_webhooks);
  webhooks = measure_fetch (bench);
  measure_store_replace (bench, webhooks);

  reset_changes (bench);
  requests = pb_simulator_count_requests (bench->simulator, "GET");
  stall_start (bench);
  took = refresh_session (bench, &changes);
  add_figure ("session refresh (first)", "%.1f ms, %u GET requests, worst stall %.1f ms",
              ms (took), pb_simulator_count_requests (bench->simulator, "GET") - requests,
              ms (stall_stop (bench)));
  add_figure ("  model items-changed", "%u emissions, +%u -%u (store: %u added)",
              bench->session_changes.n_changes, bench->session_changes.n_added,
              bench->session_changes.n_removed, changes.added);

  if (g_list_model_get_n_items (pb_account_session_get_webhooks (bench->session)) !=
      (guint)n_webhooks)
    fail (bench, "the session does not hold every webhook after the refresh");
}

/* The webhooks page */

static GtkWidget *
page_child (Bench      *bench,
            GType       type,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (bench->page, type, name);

  if (child == NULL)
    g_error ("The page has no “%s”", name);
  return GTK_WIDGET (child);
}

static GListModel *
shown_model (Bench *bench)
{
  return pb_webhooks_page_get_model (PB_WEBHOOKS_PAGE (bench->page));
}

/* The page's filter or sort model, in whichever order the page stacks them. */
static GListModel *
find_stage (Bench *bench,
            GType  type)
{
  GListModel *model = shown_model (bench);

  while (model != NULL && !G_TYPE_CHECK_INSTANCE_TYPE (model, type))
    {
      if (GTK_IS_SORT_LIST_MODEL (model))
        model = gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (model));
      else if (GTK_IS_FILTER_LIST_MODEL (model))
        model = gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (model));
      else
        model = NULL;
    }

  if (model == NULL)
    g_error ("The page shows no %s", g_type_name (type));
  return model;
}

static GtkSortListModel *
page_sort_model (Bench *bench)
{
  return GTK_SORT_LIST_MODEL (find_stage (bench, GTK_TYPE_SORT_LIST_MODEL));
}

static GtkFilterListModel *
page_filter_model (Bench *bench)
{
  return GTK_FILTER_LIST_MODEL (find_stage (bench, GTK_TYPE_FILTER_LIST_MODEL));
}

/* A mapped cell showing @webhook, or any webhook when it is NULL. */
static gboolean
shows_webhook (GtkWidget *root,
               PbWebhook *webhook)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PbWebhook *shown;

      if (!gtk_widget_get_mapped (child))
        continue;
      shown = pb_webhook_row_get_webhook (child);
      if (shown != NULL && (webhook == NULL || shown == webhook))
        return TRUE;
      if (shows_webhook (child, webhook))
        return TRUE;
    }

  return FALSE;
}

static gboolean
painted_with_rows (Bench *bench)
{
  GtkWidget *view = page_child (bench, PB_TYPE_WEBHOOKS_PAGE, "column_view");

  return bench->paints->len > 0 && shows_webhook (view, NULL);
}

static gboolean
session_idle (Bench *bench)
{
  return !pb_account_session_get_syncing (bench->session);
}

static GtkWindow *
new_window (GtkWidget *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1100, 720);
  gtk_window_set_child (window, page);
  gtk_widget_realize (GTK_WIDGET (window));
  return window;
}

static void
measure_first_paint (Bench *bench)
{
  gint64 start;
  gint64 first;
  guint requests;

  g_print ("2. first paint of the webhooks page\n");
  start = g_get_monotonic_time ();
  bench->page = pb_webhooks_page_new (bench->session, NULL);
  bench->window = new_window (bench->page);
  mark ("page construction", start);
  add_figure ("page construction + realize", "%.1f ms", ms (g_get_monotonic_time () - start));
  watch_frames (bench);

  reset_changes (bench);
  reset_frames (bench);
  requests = pb_simulator_count_requests (bench->simulator, "GET");
  stall_start (bench);
  start = g_get_monotonic_time ();
  gtk_window_present (bench->window);
  if (!wait_for (bench, painted_with_rows, max_seconds))
    {
      fail (bench, "the webhooks page never painted a row");
      return;
    }
  first = g_array_index (bench->paints, gint64, 0);
  add_figure ("first frame (present -> after-paint)", "%.1f ms, %u frames until rows",
              ms (first - start), bench->paints->len);
  mark ("first paint", start);
  add_figure ("first frame with rows", "%.1f ms",
              ms (g_array_index (bench->paints, gint64, bench->paints->len - 1) - start));

  /* Showing the page refreshes it; that refresh changes nothing. */
  if (!wait_for (bench, session_idle, max_seconds))
    fail (bench, "the refresh the page started never ended");
  add_figure ("refresh started on map (unchanged)",
              "%.1f ms after present, %u GET, %u items-changed, worst stall %.1f ms",
              ms (g_get_monotonic_time () - start),
              pb_simulator_count_requests (bench->simulator, "GET") - requests,
              bench->session_changes.n_changes, ms (stall_stop (bench)));
  if (g_list_model_get_n_items (shown_model (bench)) != (guint)n_webhooks)
    fail (bench, "the page does not show every webhook");
}

/* What one tooltip costs on a shown widget against one label text: rows set
 * both as they are bound, and on X11 each tooltip change asks the server where
 * the pointer is. */
static void
measure_tooltip_cost (Bench *bench)
{
  GtkLabel *label = GTK_LABEL (page_child (bench, PB_TYPE_WEBHOOKS_PAGE, "count_label"));
  g_autofree char *text = g_strdup (gtk_label_get_text (label));
  g_autofree char *tooltip = g_strdup (gtk_widget_get_tooltip_text (GTK_WIDGET (label)));
  const guint n = 500;
  gint64 start;
  gint64 tooltips;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    gtk_widget_set_tooltip_text (GTK_WIDGET (label), i % 2 ? "Lantern" : "Beacon");
  tooltips = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    gtk_label_set_text (label, i % 2 ? "Lantern" : "Beacon");
  add_figure ("one tooltip / one label change", "%.1f / %.1f µs",
              tooltips / (double)n, (g_get_monotonic_time () - start) / (double)n);

  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
  gtk_label_set_text (label, text);
}

/* 3. Scrolling: one step per frame from top to bottom */

typedef struct
{
  Bench         *bench;
  GtkAdjustment *adjustment;
  guint          n_steps;
  guint          at_bottom;
} Scroll;

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Scroll *scroll = data;
  double value = gtk_adjustment_get_value (scroll->adjustment);
  double page = gtk_adjustment_get_page_size (scroll->adjustment);
  double bottom = gtk_adjustment_get_upper (scroll->adjustment) - page;

  /* The list estimates its height; the bottom holds once reached twice. */
  if (value >= bottom - 0.5)
    {
      scroll->at_bottom++;
      return scroll->at_bottom < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
    }

  scroll->at_bottom = 0;
  scroll->n_steps++;
  gtk_adjustment_set_value (scroll->adjustment, MIN (value + page * scroll_pages, bottom));
  return G_SOURCE_CONTINUE;
}

static gboolean
scroll_done (Bench *bench)
{
  Scroll *scroll = g_object_get_data (G_OBJECT (bench->window), "bench-scroll");

  return scroll->at_bottom >= 3;
}

static void
report_intervals (Bench *bench)
{
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 1; i < bench->paints->len; i++)
    {
      gint64 gap = g_array_index (bench->paints, gint64, i) -
                   g_array_index (bench->paints, gint64, i - 1);

      g_array_append_val (intervals, gap);
    }

  add_figure ("frame interval median / p95 / worst", "%.1f / %.1f / %.1f ms",
              ms (quantile (intervals, 0.5)), ms (quantile (intervals, 0.95)),
              ms (quantile (intervals, 1.0)));
  add_figure ("frame work median / p95 / worst", "%.1f / %.1f / %.1f ms (before→after-paint)",
              ms (quantile (bench->frame_work, 0.5)), ms (quantile (bench->frame_work, 0.95)),
              ms (quantile (bench->frame_work, 1.0)));
}

static void
measure_scrolling (Bench *bench)
{
  GtkWidget *view = page_child (bench, PB_TYPE_WEBHOOKS_PAGE, "column_view");
  GListModel *model = shown_model (bench);
  g_autoptr(PbWebhook) last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
  Scroll scroll = { bench, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), 0, 0 };
  gint64 start;
  guint tick_id;

  g_print ("3. scrolling top to bottom, %.2f page per frame\n", scroll_pages);
  gtk_adjustment_set_value (scroll.adjustment, 0);
  next_paint (bench);

  g_object_set_data (G_OBJECT (bench->window), "bench-scroll", &scroll);
  reset_frames (bench);
  stall_start (bench);
  start = g_get_monotonic_time ();
  tick_id = gtk_widget_add_tick_callback (view, scroll_tick, &scroll, NULL);
  if (!wait_for (bench, scroll_done, max_seconds))
    {
      gtk_widget_remove_tick_callback (view, tick_id);
      fail (bench, "scrolling did not reach the bottom in time");
      return;
    }
  g_object_set_data (G_OBJECT (bench->window), "bench-scroll", NULL);
  mark ("scroll", start);

  add_figure ("scroll", "%u steps, %u frames in %.2f s, worst stall %.1f ms", scroll.n_steps,
              bench->paints->len, (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC,
              ms (stall_stop (bench)));
  add_figure ("  rows per page", "%.1f",
              gtk_adjustment_get_page_size (scroll.adjustment) * g_list_model_get_n_items (model) /
              MAX (gtk_adjustment_get_upper (scroll.adjustment), 1));
  report_intervals (bench);
  measure_tooltip_cost (bench);

  if (!shows_webhook (view, last))
    fail (bench, "the last webhook is not shown at the bottom of the list");
}

/* 4. Filtering by the search entry */

static gint64 search_started;
static gint64 search_took;

/* When, during a search, the filter model and the sort model began to announce
 * their change (each is done with its own work then) and when the view was done
 * with the sort model's. */
static struct
{
  GListModel *filter_model;
  GListModel *sort_model;
  gint64      filter_at;
  gint64      sort_at;
  gint64      view_done_at;
} stages;

static gboolean
on_items_changed_emission (GSignalInvocationHint *hint,
                           guint                  n_values,
                           const GValue          *values,
                           gpointer               data)
{
  GObject *model = g_value_get_object (&values[0]);
  gint64 now = g_get_monotonic_time ();

  if (model == (GObject *)stages.filter_model && stages.filter_at == 0)
    stages.filter_at = now;
  else if (model == (GObject *)stages.sort_model && stages.sort_at == 0)
    stages.sort_at = now;
  return TRUE;
}

static void
on_view_done (GListModel *model)
{
  if (stages.view_done_at == 0)
    stages.view_done_at = g_get_monotonic_time ();
}

static gboolean
on_search_emission (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               data)
{
  search_started = g_get_monotonic_time ();
  return TRUE;
}

static void
on_search_changed_after (GtkSearchEntry *entry)
{
  search_took += g_get_monotonic_time () - search_started;
}

static guint
count_matches (const char *word)
{
  guint n = 0;

  for (guint i = 0; i < (guint)n_webhooks; i++)
    {
      g_autofree char *name = webhook_name (i);
      g_autofree char *folded = g_utf8_casefold (name, -1);

      n += strstr (folded, word) != NULL;
    }

  return n;
}

typedef struct
{
  guint expected;
} Settle;

/* Splits what the page's models cost from what the view costs: the page's own
 * filter and sorter, applied again to detached models over the same webhooks. */
static void
measure_detached (Bench *bench)
{
  GtkSortListModel *sort_model = page_sort_model (bench);
  GtkFilterListModel *filter_model = page_filter_model (bench);
  GListModel *webhooks = pb_account_session_get_webhooks (bench->session);
  g_autoptr(GtkFilterListModel) filtered = NULL;
  g_autoptr(GtkSortListModel) sorted = NULL;
  gint64 start;
  gint64 filtering;

  start = g_get_monotonic_time ();
  filtered = gtk_filter_list_model_new (g_object_ref (webhooks),
                                        g_object_ref (gtk_filter_list_model_get_filter (
                                          filter_model)));
  g_list_model_get_n_items (G_LIST_MODEL (filtered));
  filtering = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (filtered)),
                                    g_object_ref (gtk_sort_list_model_get_sorter (sort_model)));
  g_list_model_get_n_items (G_LIST_MODEL (sorted));
  add_figure ("  of which: filter / sort, detached", "%.1f / %.1f ms (%u rows)",
              ms (filtering), ms (g_get_monotonic_time () - start),
              g_list_model_get_n_items (G_LIST_MODEL (sorted)));
}

static Settle settle;

static gboolean
filter_settled (Bench *bench)
{
  return g_list_model_get_n_items (shown_model (bench)) == settle.expected &&
         search_took > 0;
}

/* Types @text into the search entry as a user would and waits until the list
 * shows @expected rows and has painted them. */
static void
measure_search (Bench      *bench,
                const char *label,
                const char *text,
                guint       expected)
{
  GtkWidget *entry = page_child (bench, PB_TYPE_WEBHOOKS_PAGE, "search_entry");
  gint64 start;
  gint64 settled;
  gint64 shown;

  settle.expected = expected;
  search_took = 0;
  stages.filter_at = stages.sort_at = stages.view_done_at = 0;
  reset_changes (bench);
  stall_start (bench);
  start = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  if (!wait_for (bench, filter_settled, max_seconds))
    {
      g_printerr ("bench-ui: “%s” shows %u rows, not %u\n", text,
                  g_list_model_get_n_items (shown_model (bench)), expected);
      fail (bench, "the search did not settle on the expected rows");
      stall_stop (bench);
      return;
    }
  settled = g_get_monotonic_time ();
  shown = next_paint (bench);
  mark (label, start);
  /* A second, delayed search-changed for the same text would show here. */
  run_for (300);

  add_figure (label, "%.1f ms filter+sort, %.1f ms to model, %.1f ms to paint",
              ms (search_took), ms (settled - start), ms (shown - start));
  if (stages.filter_at != 0 && stages.view_done_at != 0)
    {
      /* With the sort model below the filter, a search sorts nothing. */
      gint64 sorted_at = MAX (stages.sort_at, stages.filter_at);

      add_figure ("  stages: filter, sort, view", "%.1f, %.1f, %.1f ms",
                  ms (stages.filter_at - search_started), ms (sorted_at - stages.filter_at),
                  ms (stages.view_done_at - sorted_at));
    }
  add_figure ("  view items-changed, worst stall", "%u emissions (+%u -%u), %.1f ms",
              bench->view_changes.n_changes, bench->view_changes.n_added,
              bench->view_changes.n_removed, ms (stall_stop (bench)));
  measure_detached (bench);
}

static void
measure_filtering (Bench *bench)
{
  GtkWidget *entry = page_child (bench, PB_TYPE_WEBHOOKS_PAGE, "search_entry");
  guint n_rare = count_matches (RARE_WORD);
  guint n_common = count_matches (COMMON_WORD);
  guint items_changed = g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL);
  gulong hook;
  gulong after;
  gulong changes_hook;

  g_print ("4. filtering (search entry; the entry waits before it searches)\n");
  hook = g_signal_add_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY),
                                     0, on_search_emission, NULL, NULL);
  after = g_signal_connect_after (entry, "search-changed",
                                  G_CALLBACK (on_search_changed_after), NULL);
  g_signal_connect (shown_model (bench), "items-changed", G_CALLBACK (on_items_changed),
                    &bench->view_changes);
  stages.sort_model = G_LIST_MODEL (page_sort_model (bench));
  stages.filter_model = G_LIST_MODEL (page_filter_model (bench));
  changes_hook = g_signal_add_emission_hook (items_changed, 0, on_items_changed_emission,
                                             NULL, NULL);
  g_signal_connect_after (shown_model (bench), "items-changed", G_CALLBACK (on_view_done), NULL);

  measure_search (bench, "search \"" RARE_WORD "\" (~1 %)", RARE_WORD, n_rare);
  measure_search (bench, "clear after ~1 %", "", n_webhooks);
  measure_search (bench, "search \"" COMMON_WORD "\" (~50 %)", COMMON_WORD, n_common);
  measure_search (bench, "clear after ~50 %", "", n_webhooks);

  g_signal_handlers_disconnect_by_func (shown_model (bench), on_items_changed,
                                        &bench->view_changes);
  g_signal_handlers_disconnect_by_func (shown_model (bench), on_view_done, NULL);
  g_signal_remove_emission_hook (items_changed, changes_hook);
  g_signal_handler_disconnect (entry, after);
  g_signal_remove_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY),
                                 hook);
}

/* 5. A refresh that changes a few webhooks */

static gboolean
renamed_in_session (Bench     *bench,
                    GPtrArray *renamed)
{
  for (guint i = 0; i < renamed->len; i++)
    {
      PbWebhook *sent = g_ptr_array_index (renamed, i);
      PbWebhook *mine = pb_account_session_find_webhook (bench->session, pb_webhook_get_id (sent));

      if (mine == NULL || g_strcmp0 (pb_webhook_get_name (mine), pb_webhook_get_name (sent)) != 0)
        return FALSE;
    }

  return TRUE;
}

static GPtrArray *
rename_some (Bench *bench)
{
  GListModel *webhooks = pb_account_session_get_webhooks (bench->session);
  guint n_items = g_list_model_get_n_items (webhooks);
  GPtrArray *renamed = g_ptr_array_new ();

  for (guint i = 0; i < N_CHANGED; i++)
    {
      g_autoptr(PbWebhook) mine = g_list_model_get_item (webhooks, i * (n_items / N_CHANGED));
      PbWebhook *theirs = pb_simulator_lookup_webhook (bench->simulator,
                                                       pb_webhook_get_id (mine));
      g_autofree char *name = g_strdup_printf ("%s (renamed)", pb_webhook_get_name (mine));

      pb_webhook_set_name (theirs, name);
      g_ptr_array_add (renamed, theirs);
    }

  return renamed;
}

static void
measure_small_refresh (Bench *bench)
{
  g_autoptr(GPtrArray) renamed = rename_some (bench);
  GListModel *view_model = shown_model (bench);
  PbSyncChanges changes = { 0, };
  gint64 start;
  gint64 took;
  gint64 shown;

  g_print ("5. refresh with %d webhooks renamed\n", N_CHANGED);
  g_signal_connect (view_model, "items-changed", G_CALLBACK (on_items_changed),
                    &bench->view_changes);
  reset_changes (bench);
  run_for (50);
  stall_start (bench);
  start = g_get_monotonic_time ();
  took = refresh_session (bench, &changes);
  shown = next_paint (bench);
  mark ("second refresh", start);
  run_for (100);
  g_signal_handlers_disconnect_by_func (view_model, on_items_changed, &bench->view_changes);

  add_figure ("second refresh", "%.1f ms, %.1f ms to paint, store: %u changed %u unchanged",
              ms (took), ms (shown - start), changes.changed, changes.unchanged);
  add_figure ("  session items-changed", "%u emissions (+%u -%u)",
              bench->session_changes.n_changes, bench->session_changes.n_added,
              bench->session_changes.n_removed);
  add_figure ("  view items-changed", "%u emissions (+%u -%u)",
              bench->view_changes.n_changes, bench->view_changes.n_added,
              bench->view_changes.n_removed);
  add_figure ("  worst stall", "%.1f ms", ms (stall_stop (bench)));

  if (!renamed_in_session (bench, renamed))
    fail (bench, "a renamed webhook does not show its new name");
}

/* The work one refilter and one resort of the page's models cost. */
static void
measure_refilter_parts (Bench *bench)
{
  GtkSortListModel *sort_model = page_sort_model (bench);
  GtkFilterListModel *filter_model = page_filter_model (bench);
  gint64 start;

  start = g_get_monotonic_time ();
  gtk_filter_changed (gtk_filter_list_model_get_filter (filter_model),
                      GTK_FILTER_CHANGE_DIFFERENT);
  add_figure ("  one refilter (no search)", "%.1f ms", ms (g_get_monotonic_time () - start));

  start = g_get_monotonic_time ();
  gtk_sorter_changed (gtk_sort_list_model_get_sorter (sort_model), GTK_SORTER_CHANGE_DIFFERENT);
  add_figure ("  one resort", "%.1f ms", ms (g_get_monotonic_time () - start));
  next_paint (bench);
}

/* 6. The live log under a burst of deliveries */

typedef struct
{
  char        *url;
  GPtrArray   *bodies;   /* GBytes */
  GMainContext *context;
  SoupSession *session;
  guint        next;
  guint        in_flight;
  guint        ok;
  guint        failed;
  gint         done;
} Burst;

static void post_next (Burst *burst);

static void
posted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Burst *burst = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                                NULL);

  burst->in_flight--;
  if (body != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK)
    burst->ok++;
  else
    burst->failed++;
  post_next (burst);
}

static void
post_next (Burst *burst)
{
  while (burst->in_flight < 32 && burst->next < burst->bodies->len)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", burst->url);

      soup_message_set_request_body_from_bytes (msg, "application/json",
                                                g_ptr_array_index (burst->bodies, burst->next));
      soup_session_send_and_read_async (burst->session, msg, G_PRIORITY_DEFAULT, NULL,
                                        posted_cb, burst);
      burst->next++;
      burst->in_flight++;
    }
}

/* Posts every body from its own thread and context, so that sending never
 * waits for the main loop the page runs in. */
static gpointer
burst_thread (gpointer data)
{
  Burst *burst = data;
  g_autoptr(GProxyResolver) no_proxy = g_simple_proxy_resolver_new (NULL, NULL);

  burst->context = g_main_context_new ();
  g_main_context_push_thread_default (burst->context);
  burst->session = soup_session_new_with_options ("max-conns", 32, "max-conns-per-host", 32,
                                                  "proxy-resolver", no_proxy,
                                                  "timeout", 30, NULL);
  post_next (burst);
  while (burst->in_flight > 0)
    g_main_context_iteration (burst->context, TRUE);

  g_clear_object (&burst->session);
  g_main_context_pop_thread_default (burst->context);
  g_clear_pointer (&burst->context, g_main_context_unref);
  g_atomic_int_set (&burst->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static GPtrArray *
build_bodies (Bench *bench)
{
  GPtrArray *bodies = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  for (guint i = 0; i < (guint)n_deliveries; i++)
    {
      g_autoptr(JsonNode) node =
        pb_simulator_build_action (bench->simulator, events[i % G_N_ELEMENTS (events)],
                                   5000 + i);
      char *text = json_to_string (node, FALSE);

      g_ptr_array_add (bodies, g_bytes_new_take (text, strlen (text)));
    }

  return bodies;
}

typedef struct
{
  guint  n_committed;
  gint64 last_committed;
} Commits;

static void
on_delivery (PbReceiver *receiver,
             PbDelivery *delivery,
             Commits    *commits)
{
  commits->n_committed++;
  commits->last_committed = g_get_monotonic_time ();
}

static Burst *burst;
static gint64 all_listed_at;

static gboolean
burst_over (Bench *bench)
{
  PbDeliveryList *list = pb_live_log_page_get_deliveries (PB_LIVE_LOG_PAGE (bench->page));

  if (all_listed_at == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (list)) >= (guint)n_deliveries)
    all_listed_at = g_get_monotonic_time ();
  return g_atomic_int_get (&burst->done) && all_listed_at != 0;
}

static gboolean
page_mapped (Bench *bench)
{
  return gtk_widget_get_mapped (bench->page) && bench->paints->len > 0;
}

static PbReceiver *
start_receiver (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  PbReceiver *receiver = pb_receiver_new (bench->store);

  pb_receiver_set_address (receiver, "127.0.0.1");
  pb_receiver_set_port (receiver, 0);
  if (!pb_receiver_start (receiver, &error))
    g_error ("The receiver could not start: %s", error->message);
  return receiver;
}

static void
report_burst (Bench   *bench,
              Commits *commits,
              gint64   start)
{
  PbDeliveryList *list = pb_live_log_page_get_deliveries (PB_LIVE_LOG_PAGE (bench->page));
  gint64 committing = commits->last_committed - start;

  add_figure ("posted", "%u answered 200, %u failed", burst->ok, burst->failed);
  add_figure ("committed", "%u in %.1f ms: %.0f deliveries/s", commits->n_committed,
              ms (committing),
              committing > 0 ? commits->n_committed * (double)G_USEC_PER_SEC / committing : 0);
  add_figure ("all in the list", "%.1f ms after the first POST", ms (all_listed_at - start));
  add_figure ("list insert batches", "%u items-changed (+%u -%u)",
              bench->view_changes.n_changes, bench->view_changes.n_added,
              bench->view_changes.n_removed);
  add_figure ("worst main-loop stall", "%.1f ms", ms (stall_stop (bench)));
  report_intervals (bench);

  if (burst->ok != (guint)n_deliveries || commits->n_committed != (guint)n_deliveries ||
      g_list_model_get_n_items (G_LIST_MODEL (list)) < (guint)n_deliveries)
    fail (bench, "a delivery of the burst is missing from the receiver or the list");
}

static void
measure_live_log (Bench *bench)
{
  g_autoptr(PbReceiver) receiver = start_receiver (bench);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = pb_store_dup_inbox_token (bench->store, &error);
  PbDeliveryList *list;
  Commits commits = { 0, };
  gint64 start;

  g_print ("6. live log, %d deliveries in a burst\n", n_deliveries);
  if (token == NULL)
    g_error ("No inbox token: %s", error->message);

  bench->page = pb_live_log_page_new (bench->session, receiver);
  bench->window = new_window (bench->page);
  watch_frames (bench);
  reset_frames (bench);
  gtk_window_present (bench->window);
  if (!wait_for (bench, page_mapped, 10))
    g_error ("The live log page never showed");
  run_for (200);

  burst = g_new0 (Burst, 1);
  burst->url = pb_receiver_dup_url (receiver, token);
  burst->bodies = build_bodies (bench);
  list = pb_live_log_page_get_deliveries (PB_LIVE_LOG_PAGE (bench->page));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &bench->view_changes);
  g_signal_connect (receiver, "delivery", G_CALLBACK (on_delivery), &commits);
  reset_changes (bench);
  reset_frames (bench);
  all_listed_at = 0;

  stall_start (bench);
  start = g_get_monotonic_time ();
  g_thread_unref (g_thread_new ("bench-burst", burst_thread, burst));
  if (!wait_for (bench, burst_over, max_seconds))
    fail (bench, "the burst did not end, or not every delivery reached the list");
  else
    report_burst (bench, &commits, start);
  stall_stop (bench);

  g_signal_handlers_disconnect_by_func (list, on_items_changed, &bench->view_changes);
  g_signal_handlers_disconnect_by_func (receiver, on_delivery, &commits);
  destroy_window (bench);
  pb_receiver_stop (receiver);

  /* A burst thread that did not end still uses it. */
  if (g_atomic_int_get (&burst->done))
    {
      g_free (burst->url);
      g_ptr_array_unref (burst->bodies);
      g_clear_pointer (&burst, g_free);
    }
}

/* The closing table */

static void
print_table (void)
{
  g_print ("\n%-40s %s\n", "measure", "result");
  for (guint i = 0; i < figures->len; i++)
    {
      Figure *figure = g_ptr_array_index (figures, i);

      g_print ("%-40s %s\n", figure->label, figure->value);
    }
}

static void
describe_setup (void)
{
  const char *renderer = g_getenv ("GSK_RENDERER");

  g_print ("GTK %u.%u.%u, libadwaita %u.%u.%u, renderer %s, display %s\n",
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
           renderer != NULL ? renderer : "default",
           gdk_display_get_name (gdk_display_get_default ()));
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "webhooks", 'w', 0, G_OPTION_ARG_INT, &n_webhooks, "Webhooks in the account", "N" },
    { "deliveries", 'd', 0, G_OPTION_ARG_INT, &n_deliveries, "Deliveries in the burst", "N" },
    { "scroll-pages", 'p', 0, G_OPTION_ARG_DOUBLE, &scroll_pages,
      "Pages scrolled per frame", "F" },
    { "seconds", 's', 0, G_OPTION_ARG_INT, &max_seconds, "Time limit per wait", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- benchmark the pages");
  g_autoptr(GError) error = NULL;
  Bench bench = { 0, };

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_webhooks = CLAMP (n_webhooks, N_CHANGED * 10, 1000000);
  n_deliveries = CLAMP (n_deliveries, 1, 100000);
  scroll_pages = CLAMP (scroll_pages, 0.05, 10.0);
  max_seconds = CLAMP (max_seconds, 5, 3600);

  gtk_init ();
  adw_init ();
  figures = g_ptr_array_new_with_free_func ((GDestroyNotify)figure_free);
  describe_setup ();

  set_up (&bench);
  measure_refresh (&bench);
  measure_first_paint (&bench);
  if (!bench.failed)
    measure_scrolling (&bench);
  if (!bench.failed)
    measure_filtering (&bench);
  if (!bench.failed)
    {
      measure_small_refresh (&bench);
      measure_refilter_parts (&bench);
    }
  destroy_window (&bench);
  measure_live_log (&bench);
  tear_down (&bench);

  print_table ();
  g_clear_pointer (&figures, g_ptr_array_unref);

  return bench.failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
