using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assessment.Data;
using Assessment.Web.Tests.Support;

namespace Assessment.Web.Tests.Api;

/// <summary>An institution's self-assessment checklist and evidence files: checked, scoped, and closed once submitted.</summary>
[Collection(DemoCollection.Name)]
public sealed class SelfAssessmentTests(DemoDatabase demo) : HostTest(demo)
{
    private const string Code = "6523240009";

    [Fact]
    public async Task The_checklist_is_saved_within_each_item_maximum_and_refused_whole_otherwise()
    {
        using var institution = await Host.SignInAsync("i" + Code);

        var saved = await institution.PutJsonAsync($"/api/data/checklist/{Code}/2025",
            new[] { new { item = "organisation", points = 7.5, notApplicable = false, note = (string?)"节能领导小组文件" }, new { item = "retrofit", points = 0.0, notApplicable = true, note = (string?)null } });
        var tooMany = await institution.PutJsonAsync($"/api/data/checklist/{Code}/2025",
            new[] { new { item = "statistics", points = 5.0, notApplicable = false, note = "" }, new { item = "organisation", points = 99.0, notApplicable = false, note = "" } });
        var unknown = await institution.PutJsonAsync($"/api/data/checklist/{Code}/2025", new[] { new { item = "golf", points = 1.0, notApplicable = false, note = "" } });
        var read = await institution.GetJsonAsync<JsonElement>($"/api/data/checklist/{Code}/2025");

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("99", await tooMany.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var entries = read.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("item").GetString()!);
        Assert.Equal(7.5, entries["organisation"].GetProperty("points").GetDouble()); // not overwritten by the refused save
        Assert.NotEqual(5.0, entries["statistics"].GetProperty("points").GetDouble());
        Assert.True(entries["retrofit"].GetProperty("notApplicable").GetBoolean());
        Assert.True(read.GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task Evidence_files_are_checked_by_type_and_content_and_read_only_within_scope()
    {
        using var institution = await Host.SignInAsync("i" + Code);
        using var ownCounty = await Host.SignInAsync("c652324");
        using var otherCounty = await Host.SignInAsync("c652325");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% evidence\n");

        var stored = await institution.PostFileAsync($"/api/data/evidence/{Code}/2025/organisation", "节能领导小组.pdf", pdf);
        var disguised = await institution.PostFileAsync($"/api/data/evidence/{Code}/2025/organisation", "virus.pdf", Encoding.ASCII.GetBytes("MZ\x90\0"));
        var wrongType = await institution.PostFileAsync($"/api/data/evidence/{Code}/2025/organisation", "notes.txt", Encoding.ASCII.GetBytes("hello"));
        var otherInstitution = await institution.PostFileAsync("/api/data/evidence/6523240001/2025/organisation", "x.pdf", pdf);
        var id = (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var byCounty = await ownCounty.GetAsync($"/api/data/evidence/file/{id}");
        var byOther = await otherCounty.GetAsync($"/api/data/evidence/file/{id}");

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("notes.txt", await wrongType.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, otherInstitution.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byCounty.StatusCode);
        Assert.Equal(pdf, await byCounty.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", byCounty.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
    }

    [Fact]
    public async Task Once_submitted_the_self_assessment_can_no_longer_be_changed()
    {
        using var institution = await Host.SignInAsync("i" + Code);
        long id;
        await using (var session = await new Database(DatabaseTarget.Sqlite(Host.DatabasePath)).OpenAsync())
        {
            id = (await new WorkflowRepository(session).ListAsync(2025)).Single(i => i.SubjectCode == Code).Id;
        }

        var submitted = await institution.PostJsonAsync($"/api/workflows/instances/{id}/fire", new { trigger = "submit" });
        var change = await institution.PutJsonAsync($"/api/data/checklist/{Code}/2025", new[] { new { item = "organisation", points = 1.0, notApplicable = false, note = "" } });
        var file = await institution.PostFileAsync($"/api/data/evidence/{Code}/2025/organisation", "late.pdf", Encoding.ASCII.GetBytes("%PDF-1.4"));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, file.StatusCode);
        Assert.Contains(Code, await change.Content.ReadAsStringAsync());
    }
}
