/* libkim: everything the kim-tools commands share */
#ifndef KIM_H
#define KIM_H

#include "kim_err.h"
#include "kim_util.h"
#include "kim_file.h"
#include "kim_date.h"
#include "kim_csv.h"
#include "kim_wilayah.h"
#include "kim_folder.h"
#include "kim_record.h"
#include "kim_input.h"
#include "kim_store.h"
#include "kim_out.h"
#include "kim_hold.h"
#include "kim_select.h"
#include "kim_rules.h"
#include "kim_targets.h"
#include "kim_coverage.h"
#include "kim_map.h"
#include "kim_register.h"
#include "kim_sheet.h"
#include "kim_sheet_cli.h"
#include "kim_check.h"
#include "kim_git.h"
#include "kim_cli.h"
#include "kim_period.h"
#include "kim_term.h"
#include "kim_report.h"
#include "kim_merge.h"
#include "kim_setup.h"

#endif
