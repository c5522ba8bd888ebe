using DraftPad.Server.Health;

// DraftPad server: this file is the table of contents. Each feature lives in
// its own folder and exposes one Map*/Add* extension method called here.

var builder = WebApplication.CreateBuilder(args);

var app = builder.Build();

app.MapHealth();

// The browser client comes in a later milestone; until then "/" says hello.
app.MapGet("/", () => Results.Text("DraftPad server is running. The browser client is not part of this build yet.\n"));

app.Run();
