/* test-data-files.c — the Flatpak manifest, and what the desktop file and the
 * metainfo point at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-data-tests"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#define MANIFEST_ID "cn.kaifang.Kaifang"

/* The only permissions the window needs (flatpak/README.md says why). */
static const char * const allowed_finish_args[] = {
  "--share=network",
  "--share=ipc",
  "--socket=wayland",
  "--socket=fallback-x11",
  "--device=dri",
};

static char *
source_path (const char *first,
             ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;
  va_list args;

  g_ptr_array_add (parts, (gpointer) KF_SOURCE_ROOT);
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
load_manifest (void)
{
  g_autofree char *path = source_path ("flatpak", MANIFEST_ID ".json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return parse_object (contents);
}

/* Exactly the allowed permissions, each once: more is a leak, fewer a
 * window that cannot open. */
static gboolean
check_finish_args (JsonObject  *manifest,
                   char       **problem)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *args;

  if (!json_object_has_member (manifest, "finish-args") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (manifest, "finish-args")))
    {
      *problem = g_strdup ("no finish-args");
      return FALSE;
    }
  args = json_object_get_array_member (manifest, "finish-args");
  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);
      gboolean allowed = FALSE;

      for (guint j = 0; arg != NULL && j < G_N_ELEMENTS (allowed_finish_args); j++)
        allowed = allowed || g_str_equal (arg, allowed_finish_args[j]);
      if (!allowed || !g_hash_table_add (seen, (gpointer) arg))
        {
          *problem = g_strdup_printf ("%s: %s", allowed ? "repeated" : "not allowed",
                                      arg != NULL ? arg : "(not a string)");
          return FALSE;
        }
    }
  for (guint j = 0; j < G_N_ELEMENTS (allowed_finish_args); j++)
    if (!g_hash_table_contains (seen, allowed_finish_args[j]))
      {
        *problem = g_strdup_printf ("missing: %s", allowed_finish_args[j]);
        return FALSE;
      }
  return TRUE;
}

static void
test_finish_args_check (void)
{
  static const struct {
    const char *json;
    const char *problem;
  } cases[] = {
    { "{\"finish-args\": [\"--share=network\", \"--share=ipc\", \"--socket=wayland\","
      " \"--socket=fallback-x11\", \"--device=dri\"]}", NULL },
    { "{\"finish-args\": [\"--device=dri\", \"--socket=fallback-x11\", \"--socket=wayland\","
      " \"--share=ipc\", \"--share=network\"]}", NULL },
    { "{\"finish-args\": [\"--share=network\", \"--share=ipc\", \"--socket=wayland\","
      " \"--socket=fallback-x11\", \"--device=dri\", \"--filesystem=home\"]}",
      "not allowed: --filesystem=home" },
    { "{\"finish-args\": [\"--share=network\", \"--share=ipc\", \"--socket=wayland\","
      " \"--socket=fallback-x11\", \"--device=all\"]}", "not allowed: --device=all" },
    { "{\"finish-args\": [\"--share=network\", \"--share=ipc\", \"--socket=wayland\","
      " \"--socket=fallback-x11\"]}", "missing: --device=dri" },
    { "{\"finish-args\": [\"--share=network\", \"--share=network\", \"--share=ipc\","
      " \"--socket=wayland\", \"--socket=fallback-x11\", \"--device=dri\"]}",
      "repeated: --share=network" },
    { "{\"finish-args\": [\"--share=network\", 1]}", "not allowed: (not a string)" },
    { "{}", "no finish-args" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) manifest = parse_object (cases[i].json);
      g_autofree char *problem = NULL;
      gboolean ok = check_finish_args (manifest, &problem);

      g_assert_cmpint (ok, ==, cases[i].problem == NULL);
      g_assert_cmpstr (problem, ==, cases[i].problem);
    }
}

static void
test_manifest (void)
{
  g_autoptr(JsonObject) manifest = load_manifest ();
  g_autofree char *problem = NULL;
  JsonArray *modules;
  JsonObject *module;
  JsonArray *sources;

  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, MANIFEST_ID);
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime-version"), ==, "44");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "kaifang");
  if (!check_finish_args (manifest, &problem))
    g_error ("finish-args: %s", problem);

  /* The last module is this project, built with its tests. */
  modules = json_object_get_array_member (manifest, "modules");
  g_assert_cmpuint (json_array_get_length (modules), >=, 1);
  module = json_array_get_object_element (modules, json_array_get_length (modules) - 1);
  g_assert_cmpstr (json_object_get_string_member (module, "name"), ==, "kaifang");
  g_assert_cmpstr (json_object_get_string_member (module, "buildsystem"), ==, "meson");
  g_assert_true (json_object_get_boolean_member (module, "builddir"));
  g_assert_true (json_object_get_boolean_member (module, "run-tests"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (module, "config-opts")),
                    >, 0);
  sources = json_object_get_array_member (module, "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sources, 0),
                                                  "type"), ==, "dir");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sources, 0),
                                                  "path"), ==, "..");
}

/* The program the desktop file starts is the one the Flatpak runs. */
static void
test_desktop_exec (void)
{
  g_autofree char *path = source_path ("data", MANIFEST_ID ".desktop.in", NULL);
  g_autoptr(GKeyFile) desktop = g_key_file_new ();
  g_autoptr(JsonObject) manifest = load_manifest ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;

  g_key_file_load_from_file (desktop, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (desktop, G_KEY_FILE_DESKTOP_GROUP, "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, json_object_get_string_member (manifest, "command"));
}

static guint32
read_be32 (const guchar *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) |
         ((guint32) bytes[2] << 8) | (guint32) bytes[3];
}

/* A real PNG, big enough for a software store (AppStream asks 620 × 350). */
static void
check_png (const char *path)
{
  static const guchar magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents, sizeof magic, magic, sizeof magic);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 ((const guchar *) contents + 16), >=, 620);
  g_assert_cmpuint (read_be32 ((const guchar *) contents + 20), >=, 350);
}

/* Every screenshot the metainfo names is in data/screenshots/, and every
 * PNG there is named. */
static void
test_metainfo_screenshots (void)
{
  g_autofree char *path = source_path ("data", MANIFEST_ID ".metainfo.xml.in", NULL);
  g_autofree char *dir_path = source_path ("data", "screenshots", NULL);
  g_autoptr(GRegex) image = g_regex_new ("<image>@SCREENSHOTS_URL@/([^<]+)</image>", 0, 0, NULL);
  g_autoptr(GHashTable) named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  for (g_regex_match (image, contents, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *file = g_match_info_fetch (match, 1);
      g_autofree char *file_path = g_build_filename (dir_path, file, NULL);

      check_png (file_path);
      g_hash_table_add (named, g_steal_pointer (&file));
    }
  g_assert_cmpuint (g_hash_table_size (named), >=, 2);

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".png") && !g_hash_table_contains (named, name))
      g_error ("data/screenshots/%s is not in the metainfo", name);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/flatpak/finish-args-check", test_finish_args_check);
  g_test_add_func ("/data/flatpak/manifest", test_manifest);
  g_test_add_func ("/data/desktop/exec", test_desktop_exec);
  g_test_add_func ("/data/metainfo/screenshots", test_metainfo_screenshots);

  return g_test_run ();
}
