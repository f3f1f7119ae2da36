/* pb-bulk-dialog-private.h: what the bulk dialog's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-bulk-dialog.h"

G_BEGIN_DECLS

struct _PbBulkDialog
{
  AdwWindow         parent_instance;

  /* Owned */
  PbAccountSession *session;
  PbReceiver       *receiver;
  PbCatalog        *catalog;
  GStrv             preselected;
  PbBulkPlan       *plan;
  GCancellable     *cancellable;
  GHashTable       *subjects;
  GPtrArray        *checks;
  guint             pause_ms;
  gboolean          url_valid;
  gboolean          finished;

  /* Template children */
  AdwWindowTitle   *window_title;
  GtkButton        *cancel_button;
  GtkButton        *back_button;
  GtkButton        *primary_button;
  GtkSpinner       *spinner;
  GtkStack         *stack;
  AdwEntryRow      *url_row;
  AdwActionRow     *deliver_row;
  GtkSwitch        *active_switch;
  AdwEntryRow      *name_row;
  GtkLabel         *url_message;
  GtkLabel         *example_label;
  GtkLabel         *count_label;
  GtkSearchEntry   *search_entry;
  GtkBox           *groups_box;
  AdwStatusPage    *no_match_page;
  GtkLabel         *summary_label;
  GtkLabel         *target_label;
  GtkProgressBar   *progress_bar;
  GtkBox           *result_box;
  GtkLabel         *result_label;
  GtkButton        *retry_button;
  GtkListBox       *items_list;
};

void         pb_bulk_dialog_notify_plan            (PbBulkDialog   *self);

/* pb-bulk-dialog-review.c */
void         pb_bulk_dialog_install_review_actions (GtkWidgetClass *widget_class);
void         pb_bulk_dialog_show_choose            (PbBulkDialog   *self);

G_END_DECLS
