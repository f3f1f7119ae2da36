/* pb-account.c: a Current RMS account that Patchbay connects to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-account.h"
#include "pb-error.h"

#define CURRENT_RMS_DOMAIN ".current-rms.com"
#define MAX_LABEL_LENGTH 63

struct _PbAccount
{
  GObject   parent_instance;

  gint64    id;
  char     *subdomain;
  char     *label;
  char     *api_base;
  gboolean  production;
  gboolean  demo;
  gint64    last_sync;
  char     *last_error;
};

G_DEFINE_FINAL_TYPE (PbAccount, pb_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SUBDOMAIN,
  PROP_LABEL,
  PROP_DISPLAY_NAME,
  PROP_API_BASE,
  PROP_PRODUCTION,
  PROP_DEMO,
  PROP_LAST_SYNC,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_account_finalize (GObject *object)
{
  PbAccount *self = (PbAccount *)object;

  g_clear_pointer (&self->subdomain, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->api_base, g_free);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (pb_account_parent_class)->finalize (object);
}

static void
pb_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PbAccount *self = PB_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_SUBDOMAIN:
      g_value_set_string (value, self->subdomain);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, pb_account_get_display_name (self));
      break;

    case PROP_API_BASE:
      g_value_set_string (value, pb_account_get_api_base (self));
      break;

    case PROP_PRODUCTION:
      g_value_set_boolean (value, self->production);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PbAccount *self = PB_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      pb_account_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_SUBDOMAIN:
      pb_account_set_subdomain (self, g_value_get_string (value));
      break;

    case PROP_LABEL:
      pb_account_set_label (self, g_value_get_string (value));
      break;

    case PROP_API_BASE:
      pb_account_set_api_base (self, g_value_get_string (value));
      break;

    case PROP_PRODUCTION:
      pb_account_set_production (self, g_value_get_boolean (value));
      break;

    case PROP_DEMO:
      pb_account_set_demo (self, g_value_get_boolean (value));
      break;

    case PROP_LAST_SYNC:
      pb_account_set_last_sync (self, g_value_get_int64 (value));
      break;

    case PROP_LAST_ERROR:
      pb_account_set_last_error (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_account_class_init (PbAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pb_account_finalize;
  object_class->get_property = pb_account_get_property;
  object_class->set_property = pb_account_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SUBDOMAIN] =
    g_param_spec_string ("subdomain", NULL, NULL, "", flags);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, "",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_API_BASE] =
    g_param_spec_string ("api-base", NULL, NULL, PB_DEFAULT_API_BASE, flags);
  properties[PROP_PRODUCTION] =
    g_param_spec_boolean ("production", NULL, NULL, FALSE, flags);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE, flags);
  properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_account_init (PbAccount *self)
{
  self->subdomain = g_strdup ("");
}

/**
 * pb_account_new:
 * @subdomain: (nullable): the account's subdomain, as in acme.current-rms.com
 *
 * Returns: (transfer full): an account that is not stored yet (id 0)
 */
PbAccount *
pb_account_new (const char *subdomain)
{
  return g_object_new (PB_TYPE_ACCOUNT,
                       "subdomain", subdomain ? subdomain : "",
                       NULL);
}

gint64
pb_account_get_id (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), 0);

  return self->id;
}

void
pb_account_set_id (PbAccount *self,
                   gint64     id)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/* Stores @value in @field; an empty string becomes %NULL when @empty_is_null,
 * so that "unset" has a single representation. */
static gboolean
replace_string (char       **field,
                const char  *value,
                gboolean     empty_is_null)
{
  if (empty_is_null && value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

const char *
pb_account_get_subdomain (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->subdomain;
}

void
pb_account_set_subdomain (PbAccount  *self,
                          const char *subdomain)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));

  if (!replace_string (&self->subdomain, subdomain ? subdomain : "", FALSE))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBDOMAIN]);
  if (self->label == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

/**
 * pb_account_get_label:
 * @self: a #PbAccount
 *
 * Returns: (nullable): the name the user gave the account, if any
 */
const char *
pb_account_get_label (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->label;
}

void
pb_account_set_label (PbAccount  *self,
                      const char *label)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));

  if (!replace_string (&self->label, label, TRUE))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

/**
 * pb_account_get_display_name:
 * @self: a #PbAccount
 *
 * Returns: the label when there is one, otherwise the subdomain
 */
const char *
pb_account_get_display_name (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->label != NULL ? self->label : self->subdomain;
}

/**
 * pb_account_get_api_base:
 * @self: a #PbAccount
 *
 * Returns: the API root URL; %PB_DEFAULT_API_BASE unless another was set
 */
const char *
pb_account_get_api_base (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->api_base != NULL ? self->api_base : PB_DEFAULT_API_BASE;
}

/**
 * pb_account_set_api_base:
 * @self: a #PbAccount
 * @api_base: (nullable): the API root URL; %NULL or "" for the default
 */
void
pb_account_set_api_base (PbAccount  *self,
                         const char *api_base)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));

  /* The default is kept as NULL so that accounts stay on it if it changes. */
  if (g_strcmp0 (api_base, PB_DEFAULT_API_BASE) == 0)
    api_base = NULL;

  if (replace_string (&self->api_base, api_base, TRUE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_BASE]);
}

gboolean
pb_account_get_production (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), FALSE);

  return self->production;
}

void
pb_account_set_production (PbAccount *self,
                           gboolean   production)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));

  production = !!production;
  if (self->production == production)
    return;

  self->production = production;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCTION]);
}

gboolean
pb_account_get_demo (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), FALSE);

  return self->demo;
}

void
pb_account_set_demo (PbAccount *self,
                     gboolean   demo)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));

  demo = !!demo;
  if (self->demo == demo)
    return;

  self->demo = demo;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

/**
 * pb_account_get_last_sync:
 * @self: a #PbAccount
 *
 * Returns: when the webhooks were last fetched, in µs since the epoch; 0 for never
 */
gint64
pb_account_get_last_sync (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), 0);

  return self->last_sync;
}

void
pb_account_set_last_sync (PbAccount *self,
                          gint64     unix_usec)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));
  g_return_if_fail (unix_usec >= 0);

  if (self->last_sync == unix_usec)
    return;

  self->last_sync = unix_usec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
}

/**
 * pb_account_get_last_error:
 * @self: a #PbAccount
 *
 * Returns: (nullable): why the last sync failed, or %NULL if it succeeded
 */
const char *
pb_account_get_last_error (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->last_error;
}

void
pb_account_set_last_error (PbAccount  *self,
                           const char *message)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));

  if (replace_string (&self->last_error, message, TRUE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* Drops a scheme and anything after the host, leaving a lowercase host name. */
static char *
extract_host (const char *input)
{
  g_autofree char *lower = g_ascii_strdown (input, -1);
  const char *start = lower;
  const char *scheme_end = strstr (lower, "://");
  gsize len;

  if (scheme_end != NULL)
    start = scheme_end + strlen ("://");

  len = strcspn (start, "/?#:");
  return g_strndup (start, len);
}

static gboolean
is_valid_label (const char *label)
{
  gsize len = strlen (label);

  if (len == 0 || len > MAX_LABEL_LENGTH)
    return FALSE;
  if (label[0] == '-' || label[len - 1] == '-')
    return FALSE;

  for (const char *p = label; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

/**
 * pb_account_normalize_subdomain:
 * @input: what the user typed: "acme", "acme.current-rms.com" or a URL
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the lowercase subdomain, or %NULL with
 *   %PB_ERROR_INVALID_INPUT
 */
char *
pb_account_normalize_subdomain (const char  *input,
                                GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *host = NULL;

  trimmed = g_strstrip (g_strdup (input ? input : ""));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                           _("Enter the subdomain of your Current RMS system, "
                             "as in acme.current-rms.com"));
      return NULL;
    }

  if (strpbrk (trimmed, " \t\r\n") != NULL)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                           _("A subdomain cannot contain spaces"));
      return NULL;
    }

  host = extract_host (trimmed);
  if (strchr (host, '.') != NULL)
    {
      if (!g_str_has_suffix (host, CURRENT_RMS_DOMAIN))
        {
          g_set_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                       _("“%s” is not a Current RMS address; enter the part before "
                         ".current-rms.com"), host);
          return NULL;
        }
      host[strlen (host) - strlen (CURRENT_RMS_DOMAIN)] = '\0';
    }

  if (!is_valid_label (host))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                           _("A subdomain uses only letters a–z, digits and inner hyphens, "
                             "at most 63 of them"));
      return NULL;
    }

  return g_steal_pointer (&host);
}
