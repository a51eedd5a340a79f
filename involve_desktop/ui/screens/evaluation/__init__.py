"""The yearly evaluation screen: the list of years, the reminder, and the editor's tabs."""
