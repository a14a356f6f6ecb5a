// GET /page answers --bytes (default 1705, the hot page of bench/run.sh) constant JSON bytes, like an edge L1 hit
// without the cache: the ceiling for the "hot" scenario.
//   dotnet QaEdge.Limit.dll --urls http://127.0.0.1:5090 --bytes 1705
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
var app = builder.Build();
var size = int.Parse(app.Configuration["bytes"] ?? "1705", System.Globalization.CultureInfo.InvariantCulture);
var body = new byte[size];
Array.Fill(body, (byte)' ');
body[0] = (byte)'{';
body[^1] = (byte)'}';
app.MapGet("/page", () => Results.Bytes(body, "application/json; charset=utf-8"));
app.Run();
