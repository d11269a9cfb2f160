"""Ready for the jury: the positioning grid, the sources' mastery rules, interview
preparation and the jury's decision as the candidate received it."""
