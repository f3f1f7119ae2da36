/* pb-test-core.h: fixtures and waits shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-account-session.h"
#include "pb-simulator.h"

G_BEGIN_DECLS

/**
 * PbTestSimAccount:
 * @simulator: a running simulator on 127.0.0.1
 * @store: a database of its own
 * @account: the simulator's account, saved in @store
 * @http: the HTTP session of @client
 * @client: a client of the simulator that does not retry
 * @catalog: the event catalog
 * @session: (nullable): the account's session, once opened
 *
 * An account whose API is a simulator, with everything a session needs.
 */
typedef struct
{
  PbSimulator      *simulator;
  PbStore          *store;
  PbAccount        *account;
  SoupSession      *http;
  PbClient         *client;
  PbCatalog        *catalog;
  PbAccountSession *session;
} PbTestSimAccount;

typedef struct _PbTestWait PbTestWait;

PbStore          *pb_test_store_new              (void);
gboolean          pb_test_require_keyring        (void);

void              pb_test_sim_account_set_up     (PbTestSimAccount *sim,
                                                  const char       *subdomain,
                                                  const char       *api_key);
PbAccountSession *pb_test_sim_account_open       (PbTestSimAccount *sim);
void              pb_test_sim_account_refresh    (PbTestSimAccount *sim);
void              pb_test_sim_account_tear_down  (PbTestSimAccount *sim);

guint             pb_test_count_sim_webhooks     (PbSimulator      *simulator,
                                                  const char       *event,
                                                  const char       *target_url);

void              pb_test_count_notify           (GObject          *object,
                                                  GParamSpec       *pspec,
                                                  gpointer          user_data);
void              pb_test_store_result           (GObject          *object,
                                                  GAsyncResult     *result,
                                                  gpointer          user_data);

PbTestWait       *pb_test_wait_begin             (guint             seconds);
gboolean          pb_test_wait_iterate           (PbTestWait       *wait,
                                                  const char       *file,
                                                  int               line,
                                                  const char       *func,
                                                  const char       *condition);
void              pb_test_wait_end               (PbTestWait       *wait);

/**
 * PB_TEST_WAIT_FOR:
 * @cond: an expression that becomes true as the main context runs
 * @seconds: how long to wait before the test fails
 *
 * Iterates the default main context until @cond holds. When @seconds pass
 * first, the test fails with a message naming @cond, so a hang shows as a
 * failure instead of blocking the suite.
 */
#define PB_TEST_WAIT_FOR(cond, seconds) G_STMT_START {                         \
    PbTestWait *pb_wait_ = pb_test_wait_begin (seconds);                        \
    while (!(cond) &&                                                           \
           pb_test_wait_iterate (pb_wait_, __FILE__, __LINE__, G_STRFUNC, #cond)) \
      ;                                                                         \
    pb_test_wait_end (pb_wait_);                                                \
  } G_STMT_END

G_END_DECLS
