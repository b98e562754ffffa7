/* vl-history.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vl-enums.h"
#include "vl-history.h"
#include "vl-json.h"

/* How long a statement waits for another process that is writing (the
 * window and the command line share the file) before it fails.
 */
#define BUSY_TIMEOUT_MSEC 5000

/* Searches use this many words at most. */
#define MAX_SEARCH_TERMS 8

/* Words of three characters or more are looked up as they are in the
 * trigram index. A word of two is found through the trigrams that start
 * with it: every line of the search text ends in a newline, so each place
 * it occurs starts a trigram. A single character is no search at all: it
 * is in nearly every call, and finding the few without it would mean
 * reading them all.
 */
#define MIN_SEARCH_TERM 2
#define TRIGRAM         3

/* Characters people put in phone numbers, and which a search ignores. */
#define PHONE_PUNCTUATION "()-."

struct _VlHistory
{
  GObject     parent_instance;

  char       *path;
  char       *set_aside_path;
  sqlite3    *db;

  /* SQL text → prepared statement, for the life of the connection. */
  GHashTable *statements;

  /* Tells listeners that a damaged file was replaced, from the main loop
   * rather than from inside the read that found the damage.
   */
  guint       replaced_source;

  /* Work that saves leave for when the main loop is idle. */
  guint       maintenance_source;
  guint       n_commits;
  int         log_pages;
  gboolean    maintaining;

  /* PRAGMA data_version when this connection last looked: it changes
   * when another connection (the command line) commits.
   */
  gint64      data_version;
};

static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VlHistory, vl_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      initable_iface_init))

G_DEFINE_QUARK (vl-history-error-quark, vl_history_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SET_ASIDE_PATH,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The layout, one step per version. Once released, a step never changes:
 * a new version adds a step.
 *
 * calls.sort_key is the list order: the time the call was prepared, in
 * microseconds since 1970, moved on by a microsecond or two when another
 * call already has it. It is an INTEGER PRIMARY KEY so that it is the
 * rowid, which VACUUM keeps, and the full-text index refers to it. The
 * index on it looks redundant but is not: paging with OFFSET steps through
 * its narrow entries instead of the table's wide rows.
 */
static const char schema_1[] =
  "CREATE TABLE calls ("
  "  sort_key       INTEGER PRIMARY KEY,"
  "  id             TEXT NOT NULL UNIQUE,"
  "  environment    TEXT,"
  "  source_json    TEXT NOT NULL,"
  "  namespace      TEXT,"
  "  integration_id TEXT,"
  "  metadata_json  TEXT,"
  "  link           TEXT,"
  "  prepared_at    INTEGER NOT NULL,"
  "  updated_at     INTEGER NOT NULL"
  ");"
  "CREATE INDEX calls_order ON calls (sort_key);"
  "CREATE TABLE invitations ("
  "  call_id   TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,"
  "  position  INTEGER NOT NULL,"
  "  type      TEXT NOT NULL,"
  "  recipient TEXT NOT NULL,"
  "  PRIMARY KEY (call_id, position)"
  ") WITHOUT ROWID;";

/* What the list and its search derive from the calls.
 *
 * call_count: the number of calls, kept by triggers, so that the whole
 * list is counted without reading it.
 *
 * call_text: for each call, the words a search looks at, case-folded and
 * normalised by build_search_text(); the trigram index over it is kept in
 * step by triggers.
 */
static const char schema_2[] =
  "CREATE TABLE call_count (n INTEGER NOT NULL);"
  "INSERT INTO call_count SELECT count(*) FROM calls;"
  "CREATE TRIGGER calls_inserted AFTER INSERT ON calls BEGIN"
  "  UPDATE call_count SET n = n + 1;"
  "END;"
  "CREATE TRIGGER calls_deleted AFTER DELETE ON calls BEGIN"
  "  UPDATE call_count SET n = n - 1;"
  "END;"
  "CREATE TABLE call_text ("
  "  sort_key INTEGER PRIMARY KEY"
  "    REFERENCES calls (sort_key) ON DELETE CASCADE,"
  "  text     TEXT NOT NULL"
  ");"
  "CREATE VIRTUAL TABLE call_search USING fts5 ("
  "  text, content = 'call_text', content_rowid = 'sort_key',"
  "  tokenize = 'trigram case_sensitive 1'"
  ");"
  /* Saves do not merge index segments: maintain() does, when idle. */
  "INSERT INTO call_search (call_search, rank) VALUES ('automerge', 0);"
  "CREATE TRIGGER call_text_inserted AFTER INSERT ON call_text BEGIN"
  "  INSERT INTO call_search (rowid, text) VALUES (new.sort_key, new.text);"
  "END;"
  "CREATE TRIGGER call_text_deleted AFTER DELETE ON call_text BEGIN"
  "  INSERT INTO call_search (call_search, rowid, text)"
  "    VALUES ('delete', old.sort_key, old.text);"
  "END;"
  "CREATE TRIGGER call_text_updated AFTER UPDATE ON call_text BEGIN"
  "  INSERT INTO call_search (call_search, rowid, text)"
  "    VALUES ('delete', old.sort_key, old.text);"
  "  INSERT INTO call_search (rowid, text) VALUES (new.sort_key, new.text);"
  "END;";

static gboolean fill_call_text (VlHistory  *self,
                                GError    **error);

typedef struct
{
  const char *sql;
  /* Fills what the new tables derive from the rows already there. */
  gboolean  (*fill) (VlHistory  *self,
                     GError    **error);
} Migration;

static const Migration migrations[] = {
  { schema_1, NULL },
  { schema_2, fill_call_text },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == VL_HISTORY_SCHEMA_VERSION);

#define WRITE_TEXT_SQL \
  "INSERT INTO call_text (sort_key, text) VALUES (?, ?)" \
  " ON CONFLICT (sort_key) DO UPDATE SET text = excluded.text" \
  " WHERE text IS NOT excluded.text"

#define CALL_COLUMNS "environment, source_json, prepared_at"

/* Pages in the log after which it is copied into the database, as
 * SQLite's own automatic checkpoint would (its default).
 */
#define CHECKPOINT_PAGES 1000

/* Pages of the search index merged in one idle step. */
#define MERGE_PAGES 64

typedef enum
{
  OPEN_OK,
  /* Damaged, unreadable, from a newer version or not a history at all:
   * set it aside and start a new one.
   */
  OPEN_UNUSABLE,
  /* Anything else (a locked file, a full disk): say so, touch nothing. */
  OPEN_FAILED,
} OpenResult;

/* A statement from the cache, which owns it: the g_autoptr only resets it,
 * which also ends the read transaction it may hold.
 */
typedef sqlite3_stmt Statement;

static void
statement_reset (Statement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Statement, statement_reset)

/* A search as the trigram index takes it. */
typedef struct
{
  GString  *match;       /* FTS5 query, or "" for every call */
  gboolean  impossible;  /* a word that is in no call at all */
} Search;

static void
search_clear (Search *search)
{
  if (search->match != NULL)
    g_string_free (g_steal_pointer (&search->match), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Search, search_clear)

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* Errors */

static gboolean
is_damage (int rc)
{
  int primary = rc & 0xff;

  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

static gboolean
set_error (VlHistory   *self,
           GError     **error,
           int          rc,
           const char  *what)
{
  const char *reason = self->db != NULL ? sqlite3_errmsg (self->db)
                                        : sqlite3_errstr (rc);

  g_set_error (error, VL_HISTORY_ERROR,
               is_damage (rc) ? VL_HISTORY_ERROR_DAMAGED
                              : VL_HISTORY_ERROR_FAILED,
               "%s: %s", what, reason);
  return FALSE;
}

static gboolean
not_open (GError **error)
{
  g_set_error_literal (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_CANNOT_OPEN,
                       _("The call history is not open."));
  return FALSE;
}

/* Statements */

static Statement *
prepare (VlHistory   *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (self->db == NULL)
    {
      not_open (error);
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, error, rc, _("The call history could not be read"));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec (VlHistory   *self,
      const char  *sql,
      const char  *what,
      GError     **error)
{
  int rc;

  if (self->db == NULL)
    return not_open (error);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_error (self, error, rc, what);

  return TRUE;
}

/* Runs a statement that returns no rows. */
static gboolean
run (VlHistory   *self,
     Statement   *stmt,
     const char  *what,
     GError     **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return set_error (self, error, rc, what);

  sqlite3_reset (stmt);
  return TRUE;
}

/* Reads the first column of the first row as an integer; 0 when there is
 * no row.
 */
static gboolean
query_int64 (VlHistory   *self,
             Statement   *stmt,
             gint64      *value,
             GError     **error)
{
  int rc = sqlite3_step (stmt);

  *value = 0;
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return set_error (self, error, rc, _("The call history could not be read"));

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
query_value (VlHistory   *self,
             const char  *sql,
             gint64      *value,
             GError     **error)
{
  g_autoptr(Statement) stmt = prepare (self, sql, error);

  return stmt != NULL && query_int64 (self, stmt, value, error);
}

static void
bind_text (Statement  *stmt,
           int         index,
           const char *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static gboolean
begin (VlHistory  *self,
       GError    **error)
{
  /* IMMEDIATE takes the write lock at once, so that two processes never
   * both hold a read lock and wait for each other to upgrade it.
   */
  return exec (self, "BEGIN IMMEDIATE",
               _("The call history could not be written"), error);
}

static gboolean
commit (VlHistory  *self,
        GError    **error)
{
  return exec (self, "COMMIT", _("The call history could not be written"),
               error);
}

static void
rollback (VlHistory *self)
{
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Time */

static gint64
usec_from_date_time (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC +
         g_date_time_get_microsecond (time);
}

static GDateTime *
date_time_from_usec (gint64 usec)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = NULL;

  if (rest < 0)
    {
      seconds--;
      rest += G_USEC_PER_SEC;
    }

  whole = g_date_time_new_from_unix_utc (seconds);
  if (whole == NULL)
    return NULL;

  return g_date_time_add (whole, rest);
}

/* Search text. Both the stored text and what is typed go through the same
 * folding: compatibility normalisation (NFKC) and Unicode case folding, so
 * that "ZÜRICH" finds "Zürich" and "ｗｏ" finds "wo". Phone numbers are
 * stored as digits; a number typed as "(222) 333-4444" finds them because
 * search words made of digits and phone punctuation lose the punctuation,
 * and such words in the stored text are kept both ways.
 */

static char *
fold_text (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  char *normalized = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);

  return normalized != NULL ? normalized : g_strdup ("");
}

static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gboolean space = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (space && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      else if (!space && start == NULL)
        start = p;

      if (*p == '\0')
        break;
    }

  return words;
}

static gboolean
is_phone_like (const char *word)
{
  gboolean has_digit = FALSE;

  for (const char *p = word; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        has_digit = TRUE;
      else if (*p != '+' && strchr (PHONE_PUNCTUATION, *p) == NULL)
        return FALSE;
    }

  return has_digit;
}

static char *
strip_phone (const char *word)
{
  GString *stripped = g_string_new (NULL);

  for (const char *p = word; *p != '\0'; p++)
    {
      if (strchr (PHONE_PUNCTUATION, *p) == NULL)
        g_string_append_c (stripped, *p);
    }

  return g_string_free (stripped, FALSE);
}

static void
add_line (GString    *text,
          const char *line)
{
  if (line == NULL || *line == '\0')
    return;

  g_string_append (text, line);
  g_string_append_c (text, '\n');
}

static void
add_metadata_node (GString  *text,
                   JsonNode *node)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            add_line (text, name);
            add_metadata_node (text, member);
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          add_metadata_node (text, json_array_get_element (array, i));
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          add_line (text, json_node_get_string (node));
          break;

        case G_TYPE_INT64:
          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT,
                      json_node_get_int (node));
          add_line (text, number);
          break;

        case G_TYPE_DOUBLE:
          add_line (text, g_ascii_dtostr (number, sizeof number,
                                          json_node_get_double (node)));
          break;

        case G_TYPE_BOOLEAN:
          add_line (text, json_node_get_boolean (node) ? "true" : "false");
          break;

        default:
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

/* The metadata as a dispatcher reads it: names and values, without JSON
 * quoting or escapes. Text that is not JSON is searched as it is.
 */
static void
add_metadata (GString    *text,
              const char *metadata_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (metadata_json == NULL)
    return;

  if (vl_json_load (parser, metadata_json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL)
    add_metadata_node (text, root);
  else
    add_line (text, metadata_json);
}

/* @recipients: one a line */
static char *
build_search_text (const char *id,
                   const char *recipients,
                   const char *namespace_,
                   const char *integration_id,
                   const char *metadata_json)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *folded = NULL;
  GString *result;

  add_line (text, id);
  add_line (text, recipients);
  add_line (text, namespace_);
  add_line (text, integration_id);
  add_metadata (text, metadata_json);

  folded = fold_text (text->str);
  result = g_string_new (folded);
  words = split_words (folded);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = words->pdata[i];

      if (is_phone_like (word) && strpbrk (word, PHONE_PUNCTUATION) != NULL)
        {
          g_autofree char *stripped = strip_phone (word);

          add_line (result, stripped);
        }
    }

  return g_string_free (result, FALSE);
}

static void
add_phrase (GString    *match,
            const char *term)
{
  g_string_append_c (match, '"');
  for (const char *p = term; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append_c (match, '"');
}

/* Adds "(trigram OR trigram ...)" for the trigrams that start with @term,
 * from the index's own list of them; *found says whether there were any.
 */
static gboolean
add_trigrams (VlHistory   *self,
              GString     *match,
              const char  *term,
              gboolean    *found,
              GError     **error)
{
  g_autoptr(Statement) stmt = NULL;
  gsize start = match->len;
  int rc;

  /* U+10FFFF sorts after any character that can follow @term. */
  stmt = prepare (self,
                  "SELECT term FROM temp.call_vocabulary"
                  " WHERE term >= ?1 AND term <= ?1 || char (1114111)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, term);
  g_string_append_c (match, '(');
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (match->len > start + 1)
        g_string_append (match, " OR ");
      add_phrase (match, (const char *)sqlite3_column_text (stmt, 0));
    }
  g_string_append_c (match, ')');

  if (rc != SQLITE_DONE)
    return set_error (self, error, rc, _("The call history could not be read"));

  *found = match->len > start + 2;
  return TRUE;
}

/* Every word must be found somewhere in a call's search text. */
static gboolean
search_init (VlHistory   *self,
             Search      *search,
             const char  *text,
             GError     **error)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *folded = NULL;
  guint n_terms = 0;

  search->match = g_string_new (NULL);
  search->impossible = FALSE;

  if (text == NULL)
    return TRUE;

  folded = fold_text (text);

  /* "acme/WO-1" as the list and the command line write a work order:
   * its namespace and its id, each somewhere in the call.
   */
  g_strdelimit (folded, "/", ' ');

  words = split_words (folded);
  for (guint i = 0; i < words->len && n_terms < MAX_SEARCH_TERMS; i++)
    {
      const char *word = words->pdata[i];
      g_autofree char *term = is_phone_like (word) ? strip_phone (word)
                                                   : g_strdup (word);
      glong length = g_utf8_strlen (term, -1);
      gboolean found = TRUE;

      if (length < MIN_SEARCH_TERM)
        continue;

      if (search->match->len > 0)
        g_string_append (search->match, " AND ");
      n_terms++;

      if (length >= TRIGRAM)
        add_phrase (search->match, term);
      else if (!add_trigrams (self, search->match, term, &found, error))
        return FALSE;

      if (!found)
        {
          search->impossible = TRUE;
          return TRUE;
        }
    }

  return TRUE;
}

/* Appends "FROM … [WHERE …]" for the calls that match @search and returns
 * the column that holds their sort key there. *has_where says whether
 * more conditions go after " AND " or " WHERE ".
 */
static const char *
append_filter (GString  *sql,
               Search   *search,
               gboolean *has_where)
{
  *has_where = search->match->len > 0;
  if (!*has_where)
    {
      g_string_append (sql, "FROM calls");
      return "calls.sort_key";
    }

  g_string_append (sql, "FROM call_search WHERE call_search MATCH ?");
  return "call_search.rowid";
}

/* Binds the search; returns the index of the next parameter. */
static int
bind_search (Statement *stmt,
             Search    *search)
{
  if (search->match->len == 0)
    return 1;

  bind_text (stmt, 1, search->match->str);
  return 2;
}

/* Opening */

static gboolean
fill_call_text (VlHistory  *self,
                GError    **error)
{
  g_autoptr(Statement) calls = NULL;
  g_autoptr(Statement) write = NULL;
  const char *what = _("The call history could not be brought up to date");
  int rc;

  calls = prepare (self,
                   "SELECT sort_key, id, namespace, integration_id,"
                   "  metadata_json,"
                   "  (SELECT group_concat (recipient, char (10)) FROM"
                   "    (SELECT recipient FROM invitations"
                   "     WHERE call_id = calls.id ORDER BY position))"
                   " FROM calls",
                   error);
  write = prepare (self, WRITE_TEXT_SQL, error);
  if (calls == NULL || write == NULL)
    return FALSE;

  while ((rc = sqlite3_step (calls)) == SQLITE_ROW)
    {
      g_autofree char *text = NULL;

      text = build_search_text ((const char *)sqlite3_column_text (calls, 1),
                                (const char *)sqlite3_column_text (calls, 5),
                                (const char *)sqlite3_column_text (calls, 2),
                                (const char *)sqlite3_column_text (calls, 3),
                                (const char *)sqlite3_column_text (calls, 4));
      sqlite3_bind_int64 (write, 1, sqlite3_column_int64 (calls, 0));
      bind_text (write, 2, text);
      if (!run (self, write, what, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    return set_error (self, error, rc, what);

  return TRUE;
}

/* Brings the layout up to date, one step per transaction. */
static gboolean
migrate (VlHistory  *self,
         GError    **error)
{
  const char *what = _("The call history could not be brought up to date");

  for (;;)
    {
      g_autofree char *set_version = NULL;
      gint64 version;

      if (!begin (self, error))
        return FALSE;

      /* Read again inside the transaction: another process may have
       * migrated the file in the meantime.
       */
      if (!query_value (self, "PRAGMA user_version", &version, error))
        {
          rollback (self);
          return FALSE;
        }

      if (version < 0 || version >= VL_HISTORY_SCHEMA_VERSION)
        return commit (self, error);

      set_version = g_strdup_printf ("PRAGMA user_version = %d",
                                     (int)version + 1);
      if (!exec (self, migrations[version].sql, what, error) ||
          (migrations[version].fill != NULL &&
           !migrations[version].fill (self, error)) ||
          !exec (self, set_version, what, error) ||
          !commit (self, error))
        {
          rollback (self);
          return FALSE;
        }

      g_debug ("Call history %s brought to version %d", self->path,
               (int)version + 1);
    }
}

static OpenResult
open_result_for (GError *error)
{
  return g_error_matches (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_DAMAGED)
         ? OPEN_UNUSABLE : OPEN_FAILED;
}

static OpenResult
unusable (GError     **error,
          const char  *reason)
{
  g_set_error_literal (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_DAMAGED,
                       reason);
  return OPEN_UNUSABLE;
}

static gboolean
has_tables (VlHistory  *self,
            gboolean   *tables,
            GError    **error)
{
  gint64 count;

  if (!query_value (self, "SELECT count(*) FROM sqlite_schema", &count,
                    error))
    return FALSE;

  *tables = count > 0;
  return TRUE;
}

static gboolean
passes_check (VlHistory  *self,
              gboolean   *ok,
              GError    **error)
{
  g_autoptr(Statement) stmt = prepare (self, "PRAGMA quick_check (1)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_error (self, error, rc, _("The call history could not be read"));

  *ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  return TRUE;
}

static gboolean
set_pragmas (VlHistory  *self,
             GError    **error)
{
  g_autoptr(Statement) wal = NULL;
  const char *what = _("The call history could not be opened");
  const char *mode;
  int rc;

  wal = prepare (self, "PRAGMA journal_mode = WAL", error);
  if (wal == NULL)
    return FALSE;

  rc = sqlite3_step (wal);
  if (rc != SQLITE_ROW)
    return set_error (self, error, rc, what);

  /* Some file systems cannot share the memory WAL needs. The rollback
   * journal is as safe, only slower, so carry on with it.
   */
  mode = (const char *)sqlite3_column_text (wal, 0);
  if (g_strcmp0 (mode, "wal") != 0)
    g_debug ("Call history %s stays in journal mode %s", self->path, mode);

  /* FULL: each commit syncs the log. NORMAL would sync only at
   * checkpoints, and a power cut could then take the last few calls with
   * it; the file would stay sound, but saves are rare and the promise is
   * that a saved call stays saved.
   */
  return exec (self,
               "PRAGMA synchronous = FULL;"
               "PRAGMA foreign_keys = ON;"
               "PRAGMA journal_size_limit = 4194304;",
               what, error);
}

/* Work that saves leave for later, done in small steps when the main loop
 * is idle: merging the search index's segments and copying the log into
 * the database. SQLite would do both inside the commit of whichever save
 * crossed a threshold, making that save wait for megabytes of writes.
 * Without a main loop (the command line) the index still merges a level
 * once it holds 16 segments, and the log is copied when the file closes.
 */
static gboolean
maintain (gpointer user_data)
{
  VlHistory *self = user_data;
  guint n_commits;
  int rc;

  self->maintenance_source = 0;
  if (self->db == NULL)
    return G_SOURCE_REMOVE;

  self->maintaining = TRUE;
  n_commits = self->n_commits;

  rc = sqlite3_exec (self->db,
                     "INSERT INTO call_search (call_search, rank)"
                     " VALUES ('merge', " G_STRINGIFY (MERGE_PAGES) ")",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_debug ("Call history %s: merge: %s", self->path,
             sqlite3_errmsg (self->db));

  if (self->log_pages >= CHECKPOINT_PAGES)
    {
      rc = sqlite3_wal_checkpoint_v2 (self->db, NULL,
                                      SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      if (rc != SQLITE_OK)
        g_debug ("Call history %s: checkpoint: %s", self->path,
                 sqlite3_errmsg (self->db));
      self->log_pages = 0;
    }

  self->maintaining = FALSE;

  /* The merge wrote something: there may be more to merge. */
  if (self->n_commits != n_commits)
    self->maintenance_source = g_idle_add (maintain, self);

  return G_SOURCE_REMOVE;
}

static int
on_wal_commit (gpointer     user_data,
               sqlite3     *db,
               const char  *name,
               int          n_pages)
{
  VlHistory *self = user_data;

  self->n_commits++;
  self->log_pages = n_pages;

  if (!self->maintaining && self->maintenance_source == 0)
    self->maintenance_source = g_idle_add (maintain, self);

  return SQLITE_OK;
}

static gboolean
file_has_data (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 && buf.st_size > 0;
}

static gboolean
read_data_version (VlHistory *self,
                   gint64    *version)
{
  sqlite3_stmt *stmt = prepare (self, "PRAGMA data_version", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *version = sqlite3_column_int64 (stmt, 0);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

static OpenResult
open_database (VlHistory  *self,
               GError    **error)
{
  g_autofree char *wal_path = g_strconcat (self->path, "-wal", NULL);
  /* The last process that wrote did not close the file: it crashed, or
   * it is still running. Only then is a full check worth its time.
   */
  gboolean unclean = file_has_data (wal_path);
  gboolean ok = FALSE;
  gboolean tables;
  gint64 version;
  int fd;
  int rc;

  /* Create it readable by its owner only: it holds phone numbers. */
  fd = g_open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_CANNOT_OPEN,
                   _("The call history %s cannot be opened: %s"),
                   self->path, g_strerror (saved_errno));
      return g_file_test (self->path, G_FILE_TEST_EXISTS) ? OPEN_UNUSABLE
                                                          : OPEN_FAILED;
    }
  g_close (fd, NULL);

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, error, rc, _("The call history could not be opened"));
      return is_damage (rc) ? OPEN_UNUSABLE : OPEN_FAILED;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MSEC);
  sqlite3_wal_hook (self->db, on_wal_commit, self);

  /* The first read: a file that is not a database fails here. */
  if (!query_value (self, "PRAGMA user_version", &version, error))
    return open_result_for (*error);

  if (version > VL_HISTORY_SCHEMA_VERSION)
    return unusable (error, "made by a newer version");

  if (version < 0)
    return unusable (error, "not a call history");

  if (version == 0)
    {
      if (!has_tables (self, &tables, error))
        return open_result_for (*error);
      if (tables)
        return unusable (error, "not a call history");
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    return unusable (error, "cannot be written");

  if (!set_pragmas (self, error))
    return open_result_for (*error);

  if (unclean)
    {
      if (!passes_check (self, &ok, error))
        return open_result_for (*error);
      if (!ok)
        return unusable (error, "failed its integrity check");
    }

  if (!migrate (self, error))
    return open_result_for (*error);

  /* The index's list of trigrams, for searches of two characters. It
   * lives with this connection only.
   */
  if (!exec (self,
             "CREATE VIRTUAL TABLE temp.call_vocabulary"
             " USING fts5vocab (main, call_search, 'row')",
             _("The call history could not be opened"), error))
    return open_result_for (*error);

  /* Numbers of another connection mean nothing to this one. */
  read_data_version (self, &self->data_version);

  return OPEN_OK;
}

static void
close_database (VlHistory *self)
{
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

static gboolean
move_aside (const char  *from,
            const char  *to,
            GError     **error)
{
  if (g_rename (from, to) == 0 || errno == ENOENT)
    return TRUE;

  g_set_error (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_CANNOT_OPEN,
               _("The damaged call history %s could not be moved aside: %s"),
               from, g_strerror (errno));
  return FALSE;
}

/* Renames the file, never deletes it. The log goes first: a new file must
 * never meet the old log, which SQLite would replay into it.
 */
static gboolean
set_aside (VlHistory  *self,
           GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = NULL;
  const char * const suffixes[] = { "-wal", "-shm" };

  for (guint i = 1; aside == NULL; i++)
    {
      g_autofree char *candidate = NULL;
      g_autofree char *candidate_wal = NULL;

      if (i == 1)
        candidate = g_strdup_printf ("%s.broken-%s", self->path, stamp);
      else
        candidate = g_strdup_printf ("%s.broken-%s-%u", self->path, stamp, i);
      candidate_wal = g_strconcat (candidate, "-wal", NULL);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS) &&
          !g_file_test (candidate_wal, G_FILE_TEST_EXISTS))
        aside = g_steal_pointer (&candidate);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (!move_aside (from, to, error))
        return FALSE;
    }

  if (!move_aside (self->path, aside, error))
    return FALSE;

  g_debug ("Call history %s set aside as %s", self->path, aside);
  g_free (self->set_aside_path);
  self->set_aside_path = g_steal_pointer (&aside);
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[PROP_SET_ASIDE_PATH]);

  return TRUE;
}

static gboolean
start_new (VlHistory  *self,
           GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!set_aside (self, error))
    return FALSE;

  if (open_database (self, &local_error) == OPEN_OK)
    return TRUE;

  close_database (self);
  g_set_error (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_CANNOT_OPEN,
               _("A new call history could not be started: %s"),
               local_error->message);
  return FALSE;
}

static gboolean
emit_replaced (gpointer user_data)
{
  VlHistory *self = user_data;

  self->replaced_source = 0;
  g_signal_emit (self, signals[CHANGED], 0, NULL, VL_HISTORY_CHANGE_MANY);

  return G_SOURCE_REMOVE;
}

/* When @error says that the file turned out to be damaged, sets it aside
 * and starts a new one, so that the caller can try once more; listeners
 * hear of it from the main loop.
 */
static gboolean
recover (VlHistory  *self,
         GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_error_matches (*error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_DAMAGED))
    return FALSE;

  g_debug ("Call history %s is damaged: %s", self->path, (*error)->message);
  close_database (self);
  if (!start_new (self, &local_error))
    {
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_error (error);
  if (self->replaced_source == 0)
    self->replaced_source = g_idle_add (emit_replaced, self);

  return TRUE;
}

/* Saving */

static gboolean
find_free_key (VlHistory  *self,
               gint64      wanted,
               gint64     *key,
               GError    **error)
{
  g_autoptr(Statement) stmt = NULL;
  gint64 taken = 1;

  stmt = prepare (self, "SELECT count(*) FROM calls WHERE sort_key = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  for (*key = wanted; ; (*key)++)
    {
      sqlite3_bind_int64 (stmt, 1, *key);
      if (!query_int64 (self, stmt, &taken, error))
        return FALSE;
      if (taken == 0)
        return TRUE;
    }
}

static gboolean
write_invitations (VlHistory   *self,
                   VlCall      *call,
                   const char  *what,
                   char       **recipients,
                   GError     **error)
{
  GListModel *invitations = vl_call_get_invitations (call);
  guint n_invitations = g_list_model_get_n_items (invitations);
  g_autoptr(Statement) clear = NULL;
  g_autoptr(Statement) insert = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);

  clear = prepare (self, "DELETE FROM invitations WHERE call_id = ?", error);
  insert = prepare (self,
                    "INSERT INTO invitations (call_id, position, type,"
                    "  recipient) VALUES (?, ?, ?, ?)",
                    error);
  if (clear == NULL || insert == NULL)
    return FALSE;

  bind_text (clear, 1, vl_call_get_id (call));
  if (!run (self, clear, what, error))
    return FALSE;

  for (guint i = 0; i < n_invitations; i++)
    {
      g_autoptr(VlInvitation) invitation = g_list_model_get_item (invitations,
                                                                  i);
      VlInvitationType type = vl_invitation_get_kind (invitation);

      bind_text (insert, 1, vl_call_get_id (call));
      sqlite3_bind_int (insert, 2, i);
      bind_text (insert, 3, vl_invitation_type_to_string (type));
      bind_text (insert, 4, vl_invitation_get_recipient (invitation));
      if (!run (self, insert, what, error))
        return FALSE;

      add_line (lines, vl_invitation_get_recipient (invitation));
    }

  *recipients = g_string_free (g_steal_pointer (&lines), FALSE);
  return TRUE;
}

static gboolean
write_text (VlHistory   *self,
            VlCall      *call,
            gint64       key,
            const char  *recipients,
            const char  *what,
            GError     **error)
{
  g_autoptr(Statement) stmt = prepare (self, WRITE_TEXT_SQL, error);
  g_autofree char *text = NULL;

  if (stmt == NULL)
    return FALSE;

  text = build_search_text (vl_call_get_id (call), recipients,
                            vl_call_get_integration_namespace (call),
                            vl_call_get_integration_id (call),
                            vl_call_get_metadata_json (call));
  sqlite3_bind_int64 (stmt, 1, key);
  bind_text (stmt, 2, text);

  return run (self, stmt, what, error);
}

/* Within a transaction. *prepared_at is the time the history keeps: the
 * one stored before, or the call's own, or now.
 */
static gboolean
store_call (VlHistory        *self,
            VlCall           *call,
            gint64            now,
            gint64           *prepared_at,
            VlHistoryChange  *change,
            GError          **error)
{
  const char *what = _("The call could not be saved in the history");
  g_autoptr(Statement) find = NULL;
  g_autoptr(Statement) write = NULL;
  g_autofree char *source = NULL;
  g_autofree char *recipients = NULL;
  gint64 key = 0;
  int rc;

  find = prepare (self, "SELECT sort_key, prepared_at FROM calls WHERE id = ?",
                  error);
  if (find == NULL)
    return FALSE;

  bind_text (find, 1, vl_call_get_id (call));
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      key = sqlite3_column_int64 (find, 0);
      *prepared_at = sqlite3_column_int64 (find, 1);
      *change = VL_HISTORY_CHANGE_UPDATED;
      write = prepare (self,
                       "UPDATE calls SET environment = ?2, source_json = ?3,"
                       "  namespace = ?4, integration_id = ?5,"
                       "  metadata_json = ?6, link = ?7, updated_at = ?8"
                       " WHERE sort_key = ?1",
                       error);
    }
  else if (rc == SQLITE_DONE)
    {
      GDateTime *time = vl_call_get_prepared_at (call);

      *prepared_at = time != NULL ? usec_from_date_time (time) : now;
      *change = VL_HISTORY_CHANGE_ADDED;
      if (!find_free_key (self, *prepared_at, &key, error))
        return FALSE;
      write = prepare (self,
                       "INSERT INTO calls (sort_key, environment, source_json,"
                       "  namespace, integration_id, metadata_json, link,"
                       "  updated_at, id, prepared_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                       error);
    }
  else
    return set_error (self, error, rc, what);

  sqlite3_reset (find);
  if (write == NULL)
    return FALSE;

  source = vl_json_to_string (vl_call_get_source (call), FALSE);
  sqlite3_bind_int64 (write, 1, key);
  bind_text (write, 2, vl_call_get_environment (call));
  bind_text (write, 3, source);
  bind_text (write, 4, vl_call_get_integration_namespace (call));
  bind_text (write, 5, vl_call_get_integration_id (call));
  bind_text (write, 6, vl_call_get_metadata_json (call));
  bind_text (write, 7, vl_call_get_link (call));
  sqlite3_bind_int64 (write, 8, now);
  if (*change == VL_HISTORY_CHANGE_ADDED)
    {
      bind_text (write, 9, vl_call_get_id (call));
      sqlite3_bind_int64 (write, 10, *prepared_at);
    }

  return run (self, write, what, error) &&
         write_invitations (self, call, what, &recipients, error) &&
         write_text (self, call, key, recipients, what, error);
}

/* All or nothing, in one transaction. */
static gboolean
store_calls (VlHistory        *self,
             VlCall * const   *calls,
             guint             n_calls,
             gint64           *prepared_at,
             VlHistoryChange  *changes,
             GError          **error)
{
  gint64 now = g_get_real_time ();

  if (!begin (self, error))
    return FALSE;

  for (guint i = 0; i < n_calls; i++)
    {
      if (!store_call (self, calls[i], now, &prepared_at[i], &changes[i],
                       error))
        {
          rollback (self);
          return FALSE;
        }
    }

  if (!commit (self, error))
    {
      rollback (self);
      return FALSE;
    }

  return TRUE;
}

static gboolean
save (VlHistory       *self,
      VlCall * const  *calls,
      guint            n_calls,
      GError         **error)
{
  g_autofree gint64 *prepared_at = g_new0 (gint64, n_calls);
  g_autofree VlHistoryChange *changes = g_new0 (VlHistoryChange, n_calls);
  g_autoptr(GError) local_error = NULL;

  if (!store_calls (self, calls, n_calls, prepared_at, changes,
                    &local_error) &&
      (!recover (self, &local_error) ||
       !store_calls (self, calls, n_calls, prepared_at, changes,
                     &local_error)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < n_calls; i++)
    {
      g_autoptr(GDateTime) time = date_time_from_usec (prepared_at[i]);
      GDateTime *old = vl_call_get_prepared_at (calls[i]);

      if (old == NULL || time == NULL || !g_date_time_equal (old, time))
        vl_call_set_prepared_at (calls[i], time);
    }

  if (n_calls == 1)
    g_signal_emit (self, signals[CHANGED], 0, vl_call_get_id (calls[0]),
                   changes[0]);
  else
    g_signal_emit (self, signals[CHANGED], 0, NULL, VL_HISTORY_CHANGE_MANY);

  return TRUE;
}

/* Reading */

/* A row of CALL_COLUMNS. */
static VlCall *
read_call (VlHistory  *self,
           Statement  *stmt,
           GError    **error)
{
  const char *source = (const char *)sqlite3_column_text (stmt, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) prepared_at = NULL;
  g_autoptr(VlCall) call = NULL;
  JsonNode *root = NULL;

  if (source != NULL &&
      vl_json_load (parser, source, -1, &local_error))
    root = json_parser_get_root (parser);

  if (root != NULL)
    call = vl_call_new_from_json (root, &local_error);

  if (call == NULL)
    {
      g_set_error (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_FAILED,
                   _("A call in the history could not be read: %s"),
                   local_error != NULL ? local_error->message : "");
      return NULL;
    }

  vl_call_set_environment (call,
                           (const char *)sqlite3_column_text (stmt, 0));
  prepared_at = date_time_from_usec (sqlite3_column_int64 (stmt, 2));
  vl_call_set_prepared_at (call, prepared_at);

  return g_steal_pointer (&call);
}

static VlCall *
load_call (VlHistory   *self,
           const char  *id,
           GError     **error)
{
  g_autoptr(Statement) stmt = NULL;
  int rc;

  stmt = prepare (self, "SELECT " CALL_COLUMNS " FROM calls WHERE id = ?",
                  error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_call (self, stmt, error);

  if (rc == SQLITE_DONE)
    g_set_error (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_NOT_FOUND,
                 _("The call %s is not in the history."), id);
  else
    set_error (self, error, rc, _("The call history could not be read"));

  return NULL;
}

static gboolean
delete_call (VlHistory   *self,
             const char  *id,
             GError     **error)
{
  g_autoptr(Statement) stmt = NULL;

  /* One statement is one transaction: its invitations and search text go
   * with it, through the foreign keys.
   */
  stmt = prepare (self, "DELETE FROM calls WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  if (!run (self, stmt, _("The call could not be removed from the history"),
            error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_NOT_FOUND,
                   _("The call %s is not in the history."), id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
count_calls (VlHistory   *self,
             const char  *text,
             guint       *count,
             GError     **error)
{
  g_auto(Search) search = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) ");
  g_autoptr(Statement) stmt = NULL;
  gboolean has_where;
  gint64 value;

  if (!search_init (self, &search, text, error))
    return FALSE;

  *count = 0;
  if (search.impossible)
    return TRUE;

  append_filter (sql, &search, &has_where);
  /* Every call: the triggers have counted them already. */
  if (!has_where)
    g_string_assign (sql, "SELECT n FROM call_count");
  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  bind_search (stmt, &search);
  if (!query_int64 (self, stmt, &value, error))
    return FALSE;

  *count = (guint)MIN (value, G_MAXUINT);
  return TRUE;
}

static GPtrArray *
list_calls (VlHistory   *self,
            const char  *text,
            guint        offset,
            guint        limit,
            GError     **error)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Search) search = { 0 };
  g_autoptr(GString) filter = g_string_new (NULL);
  g_autoptr(Statement) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *key;
  gboolean has_where;
  int index;
  int rc;

  if (!search_init (self, &search, text, error))
    return NULL;

  if (search.impossible)
    return g_steal_pointer (&calls);

  key = append_filter (filter, &search, &has_where);

  /* The keys of one page come from an index alone; only the rows of that
   * page are read.
   */
  sql = g_strdup_printf ("SELECT " CALL_COLUMNS " FROM calls"
                         " WHERE sort_key IN"
                         "  (SELECT %s %s ORDER BY %s DESC LIMIT ? OFFSET ?)"
                         " ORDER BY sort_key DESC",
                         key, filter->str, key);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  index = bind_search (stmt, &search);
  sqlite3_bind_int64 (stmt, index++, limit);
  sqlite3_bind_int64 (stmt, index, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VlCall *call = read_call (self, stmt, error);

      if (call == NULL)
        return NULL;

      g_ptr_array_add (calls, call);
    }

  if (rc != SQLITE_DONE)
    {
      set_error (self, error, rc, _("The call history could not be read"));
      return NULL;
    }

  return g_steal_pointer (&calls);
}

/* How many calls matching @search have a key compared by @comparison
 * ("=" or ">") to @key.
 */
static gboolean
count_around (VlHistory   *self,
              Search      *search,
              const char  *comparison,
              gint64       key,
              gint64      *count,
              GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) ");
  g_autoptr(Statement) stmt = NULL;
  const char *key_column;
  gboolean has_where;
  int index;

  key_column = append_filter (sql, search, &has_where);
  g_string_append_printf (sql, " %s %s %s ?", has_where ? "AND" : "WHERE",
                          key_column, comparison);
  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  index = bind_search (stmt, search);
  sqlite3_bind_int64 (stmt, index, key);

  return query_int64 (self, stmt, count, error);
}

static gboolean
find_call (VlHistory   *self,
           const char  *text,
           const char  *id,
           gboolean    *found,
           guint       *position,
           GError     **error)
{
  g_auto(Search) search = { 0 };
  g_autoptr(Statement) lookup = NULL;
  gint64 key;
  gint64 matches;
  gint64 before;
  int rc;

  *found = FALSE;

  lookup = prepare (self, "SELECT sort_key FROM calls WHERE id = ?", error);
  if (lookup == NULL)
    return FALSE;

  bind_text (lookup, 1, id);
  rc = sqlite3_step (lookup);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return set_error (self, error, rc, _("The call history could not be read"));
  key = sqlite3_column_int64 (lookup, 0);

  sqlite3_reset (lookup);
  if (!search_init (self, &search, text, error))
    return FALSE;
  if (search.impossible)
    return TRUE;

  if (!count_around (self, &search, "=", key, &matches, error))
    return FALSE;
  if (matches == 0)
    return TRUE;

  if (!count_around (self, &search, ">", key, &before, error))
    return FALSE;

  *found = TRUE;
  *position = (guint)before;
  return TRUE;
}

/* GObject */

static void
vl_history_dispose (GObject *object)
{
  VlHistory *self = (VlHistory *)object;

  g_clear_handle_id (&self->replaced_source, g_source_remove);
  g_clear_handle_id (&self->maintenance_source, g_source_remove);

  G_OBJECT_CLASS (vl_history_parent_class)->dispose (object);
}

static void
vl_history_finalize (GObject *object)
{
  VlHistory *self = (VlHistory *)object;

  close_database (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->set_aside_path, g_free);

  G_OBJECT_CLASS (vl_history_parent_class)->finalize (object);
}

static void
vl_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VlHistory *self = VL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_SET_ASIDE_PATH:
      g_value_set_string (value, self->set_aside_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  VlHistory *self = VL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
initable_init (GInitable     *initable,
                          GCancellable  *cancellable,
                          GError       **error)
{
  VlHistory *self = VL_HISTORY (initable);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (self->path != NULL, FALSE);

  folder = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_CANNOT_OPEN,
                   _("The folder %s for the call history cannot be "
                     "created: %s"),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  switch (open_database (self, &local_error))
    {
    case OPEN_OK:
      return TRUE;

    case OPEN_FAILED:
      close_database (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;

    case OPEN_UNUSABLE:
    default:
      g_debug ("Call history %s cannot be used: %s", self->path,
               local_error->message);
      close_database (self);
      return start_new (self, error);
    }
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = initable_init;
}

static void
vl_history_class_init (VlHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vl_history_dispose;
  object_class->finalize = vl_history_finalize;
  object_class->get_property = vl_history_get_property;
  object_class->set_property = vl_history_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_SET_ASIDE_PATH] =
    g_param_spec_string ("set-aside-path", NULL, NULL, NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VlHistory::changed:
   * @id: (nullable): the call, or %NULL with %VL_HISTORY_CHANGE_MANY
   * @change: what happened to it
   *
   * Emitted after a change is on disk.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING, VL_TYPE_HISTORY_CHANGE);
}

static void
vl_history_init (VlHistory *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

/* Public API */

/**
 * vl_history_get_default_path:
 *
 * Returns: (transfer full): where the application and the command line
 *   keep the history: history.sqlite in the application's folder under
 *   $XDG_DATA_HOME
 */
char *
vl_history_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APPLICATION_ID,
                           "history.sqlite", NULL);
}

/**
 * vl_history_open:
 * @path: the database file; it and its folders are created as needed,
 *   for the user only
 *
 * Opens the history, bringing an older layout up to date. A file that
 * cannot be used (damaged, unreadable, written by a newer version, or not
 * a history at all) is renamed to "@path.broken-YYYYMMDD-HHMMSS" with its
 * log, never deleted, and a new history is started: see
 * vl_history_get_set_aside_path(). A full integrity check runs when the
 * last process writing to the file did not close it.
 *
 * Returns: (transfer full): the history, or %NULL with a
 *   #VL_HISTORY_ERROR when none could be opened or started
 */
VlHistory *
vl_history_open (const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_initable_new (VL_TYPE_HISTORY, NULL, error, "path", path, NULL);
}

const char *
vl_history_get_path (VlHistory *self)
{
  g_return_val_if_fail (VL_IS_HISTORY (self), NULL);

  return self->path;
}

/**
 * vl_history_get_set_aside_path:
 *
 * Returns: (nullable): where an unusable file was moved, for telling the
 *   user, or %NULL when none was
 */
const char *
vl_history_get_set_aside_path (VlHistory *self)
{
  g_return_val_if_fail (VL_IS_HISTORY (self), NULL);

  return self->set_aside_path;
}

/**
 * vl_history_save:
 * @call: a call as the service returned it (it has an id and a source)
 *
 * Stores the call, or updates it when its id is already stored (a
 * refresh): the source, invitations, integration id, metadata, link and
 * environment are replaced, the time it was prepared is kept, and the time
 * of this save is recorded as its last refresh. @call gets the time the
 * history keeps for it: the one stored before, else its own, else now.
 *
 * Returns: %TRUE once the call is on disk
 */
gboolean
vl_history_save (VlHistory  *self,
                 VlCall     *call,
                 GError    **error)
{
  g_return_val_if_fail (VL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (VL_IS_CALL (call), FALSE);
  g_return_val_if_fail (vl_call_get_id (call) != NULL, FALSE);
  g_return_val_if_fail (vl_call_get_source (call) != NULL, FALSE);

  return save (self, &call, 1, error);
}

/**
 * vl_history_save_many:
 * @calls: (array length=n_calls): calls as the service returned them
 *
 * Like vl_history_save() for each call, in a single transaction: all are
 * stored or none. #VlHistory::changed is emitted once, with
 * %VL_HISTORY_CHANGE_MANY.
 */
gboolean
vl_history_save_many (VlHistory       *self,
                      VlCall * const  *calls,
                      guint            n_calls,
                      GError         **error)
{
  g_return_val_if_fail (VL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (calls != NULL || n_calls == 0, FALSE);

  for (guint i = 0; i < n_calls; i++)
    {
      g_return_val_if_fail (VL_IS_CALL (calls[i]), FALSE);
      g_return_val_if_fail (vl_call_get_id (calls[i]) != NULL, FALSE);
      g_return_val_if_fail (vl_call_get_source (calls[i]) != NULL, FALSE);
    }

  if (n_calls == 0)
    return TRUE;

  return save (self, calls, n_calls, error);
}

/**
 * vl_history_remove:
 *
 * Removes a call. To undo, save the #VlCall that was removed again: it
 * keeps the time it was prepared, so it goes back to its place.
 *
 * Returns: %TRUE once it is gone from disk; %VL_HISTORY_ERROR_NOT_FOUND
 *   when it was not there
 */
gboolean
vl_history_remove (VlHistory   *self,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (VL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!delete_call (self, id, &local_error) &&
      (!recover (self, &local_error) ||
       !delete_call (self, id, &local_error)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_signal_emit (self, signals[CHANGED], 0, id, VL_HISTORY_CHANGE_REMOVED);
  return TRUE;
}

/**
 * vl_history_load:
 *
 * Returns: (transfer full): the stored call, rebuilt from what the service
 *   returned, with its environment and the time it was prepared; or %NULL
 *   with an error, %VL_HISTORY_ERROR_NOT_FOUND when it is not stored
 */
VlCall *
vl_history_load (VlHistory   *self,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  VlCall *call;

  g_return_val_if_fail (VL_IS_HISTORY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  call = load_call (self, id, &local_error);
  if (call == NULL && recover (self, &local_error))
    call = load_call (self, id, &local_error);

  if (call == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return call;
}

/**
 * vl_history_count:
 * @search: (nullable): what was typed in the search field
 *
 * Searches look at recipients, integration namespace and id, call id and
 * the metadata's names and values. Every word of two characters or more
 * must be found, anywhere in them, whatever its case; a single character
 * is in nearly every call and filters nothing. Phone punctuation in a
 * number is ignored: "(222) 333-4444" finds 2223334444.
 *
 * Returns: how many stored calls match @search (all of them when it is
 *   %NULL or blank), or 0 with an error
 */
guint
vl_history_count (VlHistory   *self,
                  const char  *search,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint count = 0;

  g_return_val_if_fail (VL_IS_HISTORY (self), 0);

  if (!count_calls (self, search, &count, &local_error) &&
      (!recover (self, &local_error) ||
       !count_calls (self, search, &count, &local_error)))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return count;
}

/**
 * vl_history_list:
 * @search: (nullable): as for vl_history_count()
 * @offset: how many matching calls to skip
 * @limit: how many to return at most
 *
 * Returns: (transfer full) (element-type VlCall): the matching calls from
 *   @offset on, newest first, or %NULL with an error
 */
GPtrArray *
vl_history_list (VlHistory   *self,
                 const char  *search,
                 guint        offset,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *calls;

  g_return_val_if_fail (VL_IS_HISTORY (self), NULL);

  calls = list_calls (self, search, offset, limit, &local_error);
  if (calls == NULL && recover (self, &local_error))
    calls = list_calls (self, search, offset, limit, &local_error);

  if (calls == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return calls;
}

/**
 * vl_history_find:
 * @search: (nullable): as for vl_history_count()
 * @position: (out): where the call is in vl_history_list() for @search
 *
 * Returns: %TRUE when the call is stored and matches @search; %FALSE
 *   otherwise, with an error only when the history could not be read
 */
gboolean
vl_history_find (VlHistory   *self,
                 const char  *search,
                 const char  *id,
                 guint       *position,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (VL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  if (!find_call (self, search, id, &found, position, &local_error) &&
      (!recover (self, &local_error) ||
       !find_call (self, search, id, &found, position, &local_error)))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return found;
}

/**
 * vl_history_check_other_changes:
 *
 * Looks whether another program (the command line) has changed the
 * history since this one last looked, and if so emits #VlHistory::changed
 * with %VL_HISTORY_CHANGE_MANY. It costs one small query: call it when
 * the window comes to the front, say.
 *
 * Returns: whether there were such changes
 */
gboolean
vl_history_check_other_changes (VlHistory *self)
{
  gint64 version;

  g_return_val_if_fail (VL_IS_HISTORY (self), FALSE);

  if (!read_data_version (self, &version) || version == self->data_version)
    return FALSE;

  self->data_version = version;
  g_signal_emit (self, signals[CHANGED], 0, NULL, VL_HISTORY_CHANGE_MANY);

  return TRUE;
}
