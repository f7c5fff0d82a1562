/*
 * kim_extlib: libxlsxwriter, minizip and expat, opened when first used.
 *
 * Only the .xlsx modules (kim_xlsx_in, kim_xlsx_out) and the feed reader
 * (kim_feed) call them, yet linked they cost every command ~145 page
 * faults and ~5 ms of start-up, a third of reading the national
 * wilayah.csv.  So, as libgit2 (kim_gitlib.h), each is opened with dlopen
 * by the soname the build found, the first time a module needs it, and its
 * functions are called through a table.  A module that includes this
 * header calls kim_extlib_need() for its library before any of its
 * functions; each name below is then that table's entry.  A function
 * called that is not listed does not link.
 */
#ifndef KIM_EXTLIB_H
#define KIM_EXTLIB_H

#include <expat.h>
#include <unzip.h>
#include <xlsxwriter.h>

#define KIM_XLSXWRITER_FUNCS(X) \
	X(format_set_bold) X(format_set_num_format) X(lxw_strerror) \
	X(lxw_workbook_free) X(workbook_add_format) X(workbook_add_worksheet) \
	X(workbook_close) X(workbook_new_opt) X(workbook_set_properties) \
	X(worksheet_freeze_panes) X(worksheet_set_column) \
	X(worksheet_write_datetime) X(worksheet_write_number) \
	X(worksheet_write_string)
#define KIM_MINIZIP_FUNCS(X) \
	X(unzClose) X(unzCloseCurrentFile) X(unzGetCurrentFileInfo64) \
	X(unzLocateFile) X(unzOpen64) X(unzOpenCurrentFile) \
	X(unzReadCurrentFile)
#define KIM_EXPAT_FUNCS(X) \
	X(XML_ErrorString) X(XML_GetCurrentColumnNumber) \
	X(XML_GetCurrentLineNumber) X(XML_GetErrorCode) X(XML_Parse) \
	X(XML_ParserCreate) X(XML_ParserFree) X(XML_SetCharacterDataHandler) \
	X(XML_SetElementHandler) X(XML_SetStartDoctypeDeclHandler) \
	X(XML_SetUserData) X(XML_StopParser)

struct kim_extlib {
#define KIM_EXT_ENTRY(f) __typeof__(f) *f;
	KIM_XLSXWRITER_FUNCS(KIM_EXT_ENTRY)
	KIM_MINIZIP_FUNCS(KIM_EXT_ENTRY)
	KIM_EXPAT_FUNCS(KIM_EXT_ENTRY)
#undef KIM_EXT_ENTRY
};
extern struct kim_extlib kim_extlib;

enum kim_ext { KIM_EXT_XLSXWRITER, KIM_EXT_MINIZIP, KIM_EXT_EXPAT };

/*
 * Open that library and fill its part of the table, once a process;
 * one that cannot be opened ends the command with exit 4 and the
 * loader's reason.
 */
void kim_extlib_need(enum kim_ext);

#ifndef KIM_EXTLIB_TABLE
#define KIM_EXT_NAME(f) (kim_extlib.f)
#define format_set_bold			KIM_EXT_NAME(format_set_bold)
#define format_set_num_format		KIM_EXT_NAME(format_set_num_format)
#define lxw_strerror			KIM_EXT_NAME(lxw_strerror)
#define lxw_workbook_free		KIM_EXT_NAME(lxw_workbook_free)
#define workbook_add_format		KIM_EXT_NAME(workbook_add_format)
#define workbook_add_worksheet		KIM_EXT_NAME(workbook_add_worksheet)
#define workbook_close			KIM_EXT_NAME(workbook_close)
#define workbook_new_opt		KIM_EXT_NAME(workbook_new_opt)
#define workbook_set_properties		KIM_EXT_NAME(workbook_set_properties)
#define worksheet_freeze_panes		KIM_EXT_NAME(worksheet_freeze_panes)
#define worksheet_set_column		KIM_EXT_NAME(worksheet_set_column)
#define worksheet_write_datetime	KIM_EXT_NAME(worksheet_write_datetime)
#define worksheet_write_number		KIM_EXT_NAME(worksheet_write_number)
#define worksheet_write_string		KIM_EXT_NAME(worksheet_write_string)
#define unzClose			KIM_EXT_NAME(unzClose)
#define unzCloseCurrentFile		KIM_EXT_NAME(unzCloseCurrentFile)
#define unzGetCurrentFileInfo64		KIM_EXT_NAME(unzGetCurrentFileInfo64)
#define unzLocateFile			KIM_EXT_NAME(unzLocateFile)
#define unzOpen64			KIM_EXT_NAME(unzOpen64)
#define unzOpenCurrentFile		KIM_EXT_NAME(unzOpenCurrentFile)
#define unzReadCurrentFile		KIM_EXT_NAME(unzReadCurrentFile)
#define XML_ErrorString			KIM_EXT_NAME(XML_ErrorString)
#define XML_GetCurrentColumnNumber	KIM_EXT_NAME(XML_GetCurrentColumnNumber)
#define XML_GetCurrentLineNumber	KIM_EXT_NAME(XML_GetCurrentLineNumber)
#define XML_GetErrorCode		KIM_EXT_NAME(XML_GetErrorCode)
#define XML_Parse			KIM_EXT_NAME(XML_Parse)
#define XML_ParserCreate		KIM_EXT_NAME(XML_ParserCreate)
#define XML_ParserFree			KIM_EXT_NAME(XML_ParserFree)
#define XML_SetCharacterDataHandler	KIM_EXT_NAME(XML_SetCharacterDataHandler)
#define XML_SetElementHandler		KIM_EXT_NAME(XML_SetElementHandler)
#define XML_SetStartDoctypeDeclHandler	KIM_EXT_NAME(XML_SetStartDoctypeDeclHandler)
#define XML_SetUserData			KIM_EXT_NAME(XML_SetUserData)
#define XML_StopParser			KIM_EXT_NAME(XML_StopParser)
#endif

#endif
