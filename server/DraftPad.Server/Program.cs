// DraftPad server. The table of contents is DraftPadApp.Build: one line per feature folder.
DraftPad.Server.DraftPadApp.Build(args).Run();
