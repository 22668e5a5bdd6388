/* kf-hub-json.c — reading request bodies strictly and safely
 *
 * json-glib is lenient (comments, single quotes, leading zeros, integers
 * that silently wrap) and recursive (a body nested 100,000 deep would
 * exhaust the stack). So every body is first checked here, without
 * recursion, against the JSON grammar of RFC 8259, and only a body that
 * passes reaches json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kf-hub-error.h"
#include "kf-hub-json.h"

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  GError    **error;
} Scanner;

static gboolean
malformed (Scanner *s)
{
  g_set_error (s->error, KF_HUB_ERROR, KF_HUB_ERROR_MALFORMED_JSON,
               _("the body is not valid JSON (at byte %u)"), (guint) (s->p - s->start));
  return FALSE;
}

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A \u escape, with its low surrogate if it is a high one. */
static gboolean
scan_unicode_escape (Scanner *s)
{
  int unit;

  g_assert (s->p[0] == '\\' && s->p[1] == 'u');
  if (s->end - s->p < 6 || (unit = hex4 (s->p + 2)) < 0)
    return malformed (s);
  s->p += 6;

  if (unit == 0)
    {
      g_set_error (s->error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST,
                   _("text may not contain the character U+0000"));
      return FALSE;
    }
  if (unit >= 0xdc00 && unit <= 0xdfff)
    return malformed (s);
  if (unit >= 0xd800 && unit <= 0xdbff)
    {
      int low;

      if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u' ||
          (low = hex4 (s->p + 2)) < 0xdc00 || low > 0xdfff)
        return malformed (s);
      s->p += 6;
    }
  return TRUE;
}

/* The body has been checked to be UTF-8, so only ASCII matters here. */
static gboolean
scan_string (Scanner *s)
{
  g_assert (*s->p == '"');
  s->p++;

  while (s->p < s->end)
    {
      guchar c = *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return malformed (s);
      if (c != '\\')
        {
          s->p++;
          continue;
        }
      if (s->end - s->p < 2)
        return malformed (s);
      if (s->p[1] == 'u')
        {
          if (!scan_unicode_escape (s))
            return FALSE;
          continue;
        }
      if (strchr ("\"\\/bfnrt", s->p[1]) == NULL || s->p[1] == '\0')
        return malformed (s);
      s->p += 2;
    }
  return malformed (s);
}

static gboolean
scan_digits (Scanner *s)
{
  const char *start = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > start;
}

/* An integer that json-glib would wrap around is refused, not misread. */
static gboolean
check_integer_range (Scanner    *s,
                     const char *start)
{
  g_autofree char *text = g_strndup (start, s->p - start);
  gint64 value;

  if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return TRUE;
  g_set_error (s->error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST,
               _("the number %s is too large"), text);
  return FALSE;
}

static gboolean
scan_number (Scanner *s)
{
  const char *start = s->p;
  gboolean integer = TRUE;

  if (*s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (s->p >= s->end || !g_ascii_isdigit (*s->p) || !scan_digits (s))
    return malformed (s);

  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      integer = FALSE;
      if (!scan_digits (s))
        return malformed (s);
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      integer = FALSE;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return malformed (s);
    }
  return !integer || check_integer_range (s, start);
}

static gboolean
scan_literal (Scanner *s)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize len = strlen (literals[i]);

      if ((gsize) (s->end - s->p) >= len && memcmp (s->p, literals[i], len) == 0)
        {
          s->p += len;
          return TRUE;
        }
    }
  return malformed (s);
}

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,   /* after '[' */
  EXPECT_KEY_OR_CLOSE,     /* after '{' */
  EXPECT_KEY,              /* after ',' in an object */
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,
  EXPECT_END,
} Expect;

typedef struct
{
  Scanner     s;
  GByteArray *stack;   /* '{' or '[' for each open container */
  guint       max_depth;
  Expect      expect;
} Checker;

static Expect
after_value (Checker *c)
{
  return c->stack->len == 0 ? EXPECT_END : EXPECT_COMMA_OR_CLOSE;
}

static gboolean
open_container (Checker *c,
                guint8   kind)
{
  if (c->stack->len >= c->max_depth)
    {
      g_set_error (c->s.error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST,
                   _("the body is nested more than %u levels deep"), c->max_depth);
      return FALSE;
    }
  g_byte_array_append (c->stack, &kind, 1);
  c->s.p++;
  c->expect = kind == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
  return TRUE;
}

static gboolean
close_container (Checker *c)
{
  guint8 open = c->stack->data[c->stack->len - 1];

  if (*c->s.p != (open == '{' ? '}' : ']'))
    return malformed (&c->s);
  g_byte_array_set_size (c->stack, c->stack->len - 1);
  c->s.p++;
  c->expect = after_value (c);
  return TRUE;
}

static gboolean
scan_value (Checker *c)
{
  Scanner *s = &c->s;
  gboolean ok;

  switch (*s->p)
    {
    case '{':
    case '[':
      return open_container (c, *s->p);
    case '"':
      ok = scan_string (s);
      break;
    case 't':
    case 'f':
    case 'n':
      ok = scan_literal (s);
      break;
    default:
      if (*s->p != '-' && !g_ascii_isdigit (*s->p))
        return malformed (s);
      ok = scan_number (s);
    }
  c->expect = after_value (c);
  return ok;
}

static gboolean
step (Checker *c)
{
  Scanner *s = &c->s;
  char ch = *s->p;

  switch (c->expect)
    {
    case EXPECT_VALUE_OR_CLOSE:
      if (ch == ']')
        return close_container (c);
      return scan_value (c);
    case EXPECT_VALUE:
      return scan_value (c);
    case EXPECT_KEY_OR_CLOSE:
      if (ch == '}')
        return close_container (c);
      G_GNUC_FALLTHROUGH;
    case EXPECT_KEY:
      if (ch != '"')
        return malformed (s);
      if (!scan_string (s))
        return FALSE;
      c->expect = EXPECT_COLON;
      return TRUE;
    case EXPECT_COLON:
      if (ch != ':')
        return malformed (s);
      s->p++;
      c->expect = EXPECT_VALUE;
      return TRUE;
    case EXPECT_COMMA_OR_CLOSE:
      if (ch != ',')
        return close_container (c);
      s->p++;
      c->expect = c->stack->data[c->stack->len - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
      return TRUE;
    case EXPECT_END:
    default:
      return malformed (s);
    }
}

/**
 * kf_hub_json_check:
 * @data: the body
 * @length: its length in bytes
 * @max_depth: the deepest nesting of objects and arrays allowed
 * @error: return location for %KF_HUB_ERROR_MALFORMED_JSON, or
 *   %KF_HUB_ERROR_INVALID_REQUEST for JSON that is too deep, holds U+0000
 *   or an integer beyond 64 bits
 *
 * Checks @data against the JSON grammar without recursion: UTF-8, one
 * value, nothing but white space around it.
 */
gboolean
kf_hub_json_check (const char *data,
                   gsize       length,
                   guint       max_depth,
                   GError    **error)
{
  g_autoptr(GByteArray) stack = g_byte_array_new ();
  Checker c = { { data, data, data + length, error }, stack, max_depth, EXPECT_VALUE };

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_MALFORMED_JSON,
                   _("the body is not valid UTF-8"));
      return FALSE;
    }

  for (;;)
    {
      skip_space (&c.s);
      if (c.s.p >= c.s.end)
        break;
      if (!step (&c))
        return FALSE;
    }

  if (c.expect != EXPECT_END)
    return malformed (&c.s);
  return TRUE;
}

/**
 * kf_hub_json_parse:
 *
 * Returns: (transfer full) (nullable): the root of a body that
 *   kf_hub_json_check() accepts, at most %KF_HUB_JSON_MAX_DEPTH deep
 */
JsonNode *
kf_hub_json_parse (const char *data,
                   gsize       length,
                   GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!kf_hub_json_check (data, length, KF_HUB_JSON_MAX_DEPTH, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_MALFORMED_JSON,
                   _("the body is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}
