@_exported import CivilCalendar
