/* pb-coverage.h: which events an account's webhooks cover, and which fired
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-account-session.h"
#include "pb-catalog.h"

G_BEGIN_DECLS

/* Deliveries received within this many days count as "fired". */
#define PB_COVERAGE_FIRED_DAYS 7

/**
 * PbCoverageState:
 * @PB_COVERAGE_STATE_NONE: no webhook listens to the event
 * @PB_COVERAGE_STATE_ACTIVE: exactly one webhook, and it is active
 * @PB_COVERAGE_STATE_INACTIVE: exactly one webhook, and it is inactive
 * @PB_COVERAGE_STATE_DUPLICATE: more than one webhook, active or not
 *
 * How well an event is covered by an account's webhooks.
 */
typedef enum
{
  PB_COVERAGE_STATE_NONE,
  PB_COVERAGE_STATE_ACTIVE,
  PB_COVERAGE_STATE_INACTIVE,
  PB_COVERAGE_STATE_DUPLICATE,
} PbCoverageState;

#define PB_TYPE_COVERAGE_CELL (pb_coverage_cell_get_type ())

G_DECLARE_FINAL_TYPE (PbCoverageCell, pb_coverage_cell, PB, COVERAGE_CELL, GObject)

const char      *pb_coverage_cell_get_event      (PbCoverageCell *self);
PbEventInfo     *pb_coverage_cell_get_info       (PbCoverageCell *self);
PbCoverageState  pb_coverage_cell_get_state      (PbCoverageCell *self);
guint            pb_coverage_cell_get_n_active   (PbCoverageCell *self);
guint            pb_coverage_cell_get_n_inactive (PbCoverageCell *self);
guint            pb_coverage_cell_get_n_webhooks (PbCoverageCell *self);
guint            pb_coverage_cell_get_n_fired    (PbCoverageCell *self);

#define PB_TYPE_COVERAGE (pb_coverage_get_type ())

G_DECLARE_FINAL_TYPE (PbCoverage, pb_coverage, PB, COVERAGE, GObject)

/*
 * Signals:
 *   "changed" (no arguments): a cell's counts or the set of events changed.
 *   Changes to the webhooks or the deliveries are coalesced, so this is
 *   emitted at most a few times per second.
 */
PbCoverage         *pb_coverage_new                 (PbAccountSession *session,
                                                     PbCatalog        *catalog);
PbAccountSession   *pb_coverage_get_session         (PbCoverage       *self);
PbCatalog          *pb_coverage_get_catalog         (PbCoverage       *self);
const char * const *pb_coverage_get_subjects        (PbCoverage       *self);
const char        *pb_coverage_get_subject_label    (PbCoverage       *self,
                                                     const char       *subject);
const char * const *pb_coverage_get_generic_actions (PbCoverage       *self);
GPtrArray          *pb_coverage_get_row             (PbCoverage       *self,
                                                     const char       *subject);
PbCoverageCell     *pb_coverage_lookup              (PbCoverage       *self,
                                                     const char       *event);
GPtrArray          *pb_coverage_list_webhooks       (PbCoverage       *self,
                                                     const char       *event);
guint               pb_coverage_get_n_events        (PbCoverage       *self);
guint               pb_coverage_get_n_covered       (PbCoverage       *self);
guint               pb_coverage_get_n_duplicates    (PbCoverage       *self);
void                pb_coverage_recompute           (PbCoverage       *self);

G_END_DECLS
