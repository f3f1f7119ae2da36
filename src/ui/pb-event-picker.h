/* pb-event-picker.h: a searchable list of the events a webhook can listen to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-catalog.h"

G_BEGIN_DECLS

#define PB_TYPE_EVENT_PICKER (pb_event_picker_get_type ())

G_DECLARE_FINAL_TYPE (PbEventPicker, pb_event_picker, PB, EVENT_PICKER, AdwWindow)

/*
 * Signals:
 *   "event-chosen" (const char *event): the user picked @event; the picker
 *   closes itself right after.
 */
PbEventPicker *pb_event_picker_new            (PbCatalog     *catalog);
PbCatalog     *pb_event_picker_get_catalog    (PbEventPicker *self);
const char    *pb_event_picker_get_event      (PbEventPicker *self);
void           pb_event_picker_set_event      (PbEventPicker *self,
                                               const char    *event);
guint          pb_event_picker_get_n_results  (PbEventPicker *self);

G_END_DECLS
