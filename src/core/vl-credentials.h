/* vl-credentials.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vl-environment.h"

G_BEGIN_DECLS

#define VL_CREDENTIALS_ERROR (vl_credentials_error_quark ())

/**
 * VlCredentialsError:
 * @VL_CREDENTIALS_ERROR_NO_KEYRING: no keyring could be reached, or it is
 *   locked; the application can keep credentials for this session only
 * @VL_CREDENTIALS_ERROR_DAMAGED: the stored item is not one this
 *   application wrote
 */
typedef enum
{
  VL_CREDENTIALS_ERROR_NO_KEYRING,
  VL_CREDENTIALS_ERROR_DAMAGED,
} VlCredentialsError;

GQuark   vl_credentials_error_quark    (void);

/* The API key and secret of each environment, in the user's keyring
 * (through the Secret portal inside Flatpak). Never anywhere else.
 */
void     vl_credentials_store_async    (VlEnvironment         environment,
                                        const char           *api_key,
                                        const char           *api_secret,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean vl_credentials_store_finish   (GAsyncResult         *result,
                                        GError              **error);
void     vl_credentials_lookup_async   (VlEnvironment         environment,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean vl_credentials_lookup_finish  (GAsyncResult         *result,
                                        char                **api_key,
                                        char                **api_secret,
                                        GError              **error);
void     vl_credentials_clear_async    (VlEnvironment         environment,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean vl_credentials_clear_finish   (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
