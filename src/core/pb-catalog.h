/* pb-catalog.h: the subjects and actions that webhooks can listen to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  PB_ACTION_KIND_GENERIC,
  PB_ACTION_KIND_SPECIFIC,
} PbActionKind;

/**
 * PbEventStatus:
 * @PB_EVENT_STATUS_CONFIRMED: named by an official Current RMS source
 * @PB_EVENT_STATUS_INFERRED: derived from the official naming rules
 * @PB_EVENT_STATUS_LEARNED: not in the catalog, but seen in a webhook or a delivery
 * @PB_EVENT_STATUS_CUSTOM: not in the catalog and never seen
 */
typedef enum
{
  PB_EVENT_STATUS_CONFIRMED,
  PB_EVENT_STATUS_INFERRED,
  PB_EVENT_STATUS_LEARNED,
  PB_EVENT_STATUS_CUSTOM,
} PbEventStatus;

#define PB_TYPE_EVENT_INFO (pb_event_info_get_type ())

G_DECLARE_FINAL_TYPE (PbEventInfo, pb_event_info, PB, EVENT_INFO, GObject)

const char    *pb_event_info_get_event         (PbEventInfo *self);
const char    *pb_event_info_get_subject       (PbEventInfo *self);
const char    *pb_event_info_get_action        (PbEventInfo *self);
const char    *pb_event_info_get_subject_label (PbEventInfo *self);
const char    *pb_event_info_get_action_label  (PbEventInfo *self);
const char    *pb_event_info_get_description   (PbEventInfo *self);
PbActionKind   pb_event_info_get_kind          (PbEventInfo *self);
PbEventStatus  pb_event_info_get_status        (PbEventInfo *self);
gboolean       pb_event_info_get_has_content   (PbEventInfo *self);
char          *pb_event_info_dup_display_name  (PbEventInfo *self);
gboolean       pb_event_info_matches           (PbEventInfo *self,
                                                const char  *words);

#define PB_TYPE_CATALOG (pb_catalog_get_type ())

G_DECLARE_FINAL_TYPE (PbCatalog, pb_catalog, PB, CATALOG, GObject)

PbCatalog         *pb_catalog_new                (void);
PbCatalog         *pb_catalog_new_from_data      (const char  *data,
                                                  gssize       length,
                                                  GError     **error);
PbCatalog         *pb_catalog_get_default        (void);
GListModel        *pb_catalog_get_events         (PbCatalog   *self);
const char *const *pb_catalog_get_subjects       (PbCatalog   *self);
const char        *pb_catalog_get_subject_label  (PbCatalog   *self,
                                                  const char  *subject);
PbEventInfo       *pb_catalog_lookup             (PbCatalog   *self,
                                                  const char  *event);
PbEventInfo       *pb_catalog_describe           (PbCatalog   *self,
                                                  const char  *event);
gboolean           pb_catalog_parse_event        (PbCatalog   *self,
                                                  const char  *event,
                                                  char       **subject,
                                                  char       **action);
char              *pb_catalog_compose_event      (const char  *subject,
                                                  const char  *action);
GPtrArray         *pb_catalog_search             (PbCatalog   *self,
                                                  const char  *words);
PbEventInfo       *pb_catalog_learn              (PbCatalog   *self,
                                                  const char  *event);
char              *pb_catalog_subject_from_type  (const char  *subject_type);

G_END_DECLS
