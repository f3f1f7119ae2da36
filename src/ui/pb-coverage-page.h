/* pb-coverage-page.h: the map of which events an account's webhooks cover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-account-session.h"
#include "pb-coverage.h"
#include "pb-receiver.h"

G_BEGIN_DECLS

#define PB_TYPE_COVERAGE_PAGE (pb_coverage_page_get_type ())

G_DECLARE_FINAL_TYPE (PbCoveragePage, pb_coverage_page, PB, COVERAGE_PAGE, AdwBin)

GtkWidget        *pb_coverage_page_new                  (PbAccountSession *session,
                                                         PbReceiver       *receiver);
PbAccountSession *pb_coverage_page_get_session          (PbCoveragePage   *self);
PbCoverage       *pb_coverage_page_get_coverage         (PbCoveragePage   *self);
GtkWidget        *pb_coverage_page_get_cell             (PbCoveragePage   *self,
                                                         const char       *event);
gboolean          pb_coverage_page_get_only_covered     (PbCoveragePage   *self);
void              pb_coverage_page_set_only_covered     (PbCoveragePage   *self,
                                                         gboolean          only_covered);
gboolean          pb_coverage_page_get_show_back_button (PbCoveragePage   *self);
void              pb_coverage_page_set_show_back_button (PbCoveragePage   *self,
                                                         gboolean          show_back_button);

G_END_DECLS
