# Tajik formats. Django's own "tg" formats borrow Russian ("г." for год and
# Russian month abbreviations); Tajik writes "с." (сол) and full month names.
DATE_FORMAT = r"j E Y \с."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j E Y \с., H:i"
YEAR_MONTH_FORMAT = r"F Y \с."
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%Y-%m-%dT%H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
