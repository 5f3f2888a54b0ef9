#pragma once
// The translation keywords of the string catalogs (strings.cpp, capture/capture_strings.cpp,
// capture/capture_list_strings.cpp); included by those .cpp files only, after <wx/intl.h>.
// The catalogs' literals are UTF-8 ("…", "—"); wx's own _() would convert them with the C
// library's locale, which turns them into empty strings under LANG=C. The same keywords (_ and
// P_, as xgettext's gettext and ngettext) keep them extractable.

#include <wx/intl.h>
#include <wx/string.h>

#undef _
#define _(text) wxGetTranslation(wxString::FromUTF8(text))
// Singular and plural by count.
#define P_(one, many, n) \
  wxGetTranslation(wxString::FromUTF8(one), wxString::FromUTF8(many), static_cast<unsigned>(n))
