#!/bin/sh
# The Chinese translation is complete at all times: every source file with a
# translatable string is listed in po/POTFILES.in, and every string that
# xgettext extracts from them has a zh_CN translation that is neither missing
# nor fuzzy. Prints what is missing and fails.
set -eu
top="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$top"

status=0
listed="$work/listed"
grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort -u > "$listed"

# Every file that marks a string for translation must be listed.
{
  grep -rlE '\b(N?_|C_|NC_|g_dngettext|ngettext)\s*\(' --include='*.c' src || true
  grep -rl 'translatable="yes"' --include='*.ui' src || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null || true
} | sort -u > "$work/marked"
missing=$(comm -23 "$work/marked" "$listed")
if [ -n "$missing" ]; then
  echo "not in po/POTFILES.in:"
  echo "$missing"
  status=1
fi

# Every listed file exists.
for f in $(cat "$listed"); do
  [ -f "$f" ] || { echo "po/POTFILES.in names a missing file: $f"; status=1; }
done
[ $status -eq 0 ] || exit $status

xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --keyword=ngettext:1,2 \
  -f "$listed" -o "$work/kaifang.pot" 2>"$work/xgettext.err" ||
  { cat "$work/xgettext.err"; exit 1; }
msgmerge --quiet --no-fuzzy-matching -o "$work/merged.po" po/zh_CN.po "$work/kaifang.pot"
stats=$(msgfmt --check --statistics -o /dev/null "$work/merged.po" 2>&1)
echo "zh_CN: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    msgattrib --untranslated --only-fuzzy "$work/merged.po" 2>/dev/null | head -40 || true
    msgattrib --untranslated "$work/merged.po" | grep -A1 '^msgid' | head -60
    exit 1 ;;
esac
