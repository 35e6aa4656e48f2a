@_exported import Nonrel
