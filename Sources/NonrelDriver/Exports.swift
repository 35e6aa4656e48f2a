@_exported import NonrelBSON
