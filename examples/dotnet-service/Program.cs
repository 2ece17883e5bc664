// A tiny HTTP service: GET / answers with a JSON description of the process.
// ASP.NET Core stops gracefully on SIGTERM. The images listen on 8080 (ASPNETCORE_HTTP_PORTS);
// PORT overrides it.
var builder = WebApplication.CreateBuilder(args);
if (Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } port)
{
    builder.WebHost.UseUrls($"http://{Environment.GetEnvironmentVariable("HOST") ?? "0.0.0.0"}:{port}");
}

var app = builder.Build();
app.MapGet("/", () => Results.Json(new
{
    app = "dotnet-service",
    dotnet = Environment.Version.ToString(),
    user = Environment.UserName,
}));
app.Run();
