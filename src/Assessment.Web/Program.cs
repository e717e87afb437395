using Assessment.Web;

var app = await WebApp.CreateAsync(args);
await app.RunAsync();
