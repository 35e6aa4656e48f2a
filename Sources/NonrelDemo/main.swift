print("nonrel demo: not yet")
