using Assessment.Data;
using Assessment.Domain;
using Assessment.Resources;
using Assessment.Workflows;

namespace Assessment.Demo;

/// <summary>
/// The demo's people and its year in progress: a bureau user, a leader, a user per county and per institution, and the
/// last demo year opened and walked part of the way, every step fired by the user whose role it is, so that inboxes,
/// histories, returns and overdue steps have something to show. Data-quality guards decide for themselves: an
/// institution whose data has an error stays in reporting.
/// </summary>
public sealed class DemoWorkflows(Database database, TimeProvider clock)
{
    /// <summary>The bureau's user.</summary>
    public const string Bureau = "bureau";

    /// <summary>The leader's user (reads results; fires nothing).</summary>
    public const string Leader = "leader";

    /// <summary>The password of the demo accounts that can sign in to the web application.</summary>
    public const string DemoPassword = "Demo@2025";

    /// <summary>The user of county <paramref name="code"/>.</summary>
    public static string CountyUser(string code) => "c" + code;

    /// <summary>The user of institution <paramref name="code"/>.</summary>
    public static string InstitutionUser(string code) => "i" + code;

    /// <summary>What the walk did.</summary>
    public sealed record Walked(int Year, int Users, int Instances, int Transitions, int Refused, IReadOnlyDictionary<string, int> States)
    {
        /// <summary>The accounts given <see cref="DemoPassword"/>: one per role and county, and an institution of each county that has yet to submit.</summary>
        public IReadOnlyList<User> Accounts { get; init; } = [];
    }

    /// <summary>Adds the users, opens <paramref name="year"/> with the definitions of <paramref name="directory"/> and walks it.</summary>
    public async Task<Walked> BuildAsync(int year, string directory, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<County> counties;
        IReadOnlyList<Institution> institutions;
        await using (var session = await database.OpenAsync(cancellationToken))
        {
            counties = await new CountyRepository(session).ListAsync(cancellationToken);
            institutions = await new InstitutionRepository(session).ListAsync(cancellationToken);
            User[] users =
            [
                new(Bureau, Strings.DemoUserBureau, UserRole.Bureau, null),
                new(Leader, Strings.DemoUserLeader, UserRole.Leader, null),
                .. counties.Select(county => new User(CountyUser(county.Code), string.Format(Strings.DemoUserCounty, county.Name), UserRole.County, county.Code)),
                .. institutions.Select(institution => new User(InstitutionUser(institution.Code), string.Format(Strings.DemoUserInstitution, institution.Name),
                    UserRole.Institution, institution.Code)),
            ];
            await session.BeginAsync(cancellationToken);
            await new UserRepository(session).UpsertAsync(users, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        var service = new WorkflowService(database, clock);
        var opened = await service.OpenYearAsync(year, directory, cancellationToken);
        var countyOf = institutions.ToDictionary(institution => institution.Code, institution => institution.CountyCode, StringComparer.Ordinal);
        var order = counties.Select(county => county.Code).ToList();
        int transitions = 0, refused = 0;

        async Task<IReadOnlyList<WorkflowInstance>> InstancesAsync()
        {
            await using var session = await database.OpenAsync(cancellationToken);
            return await new WorkflowRepository(session).ListAsync(year, cancellationToken);
        }

        async Task StepAsync(Func<WorkflowInstance, bool> which, Func<WorkflowInstance, WorkflowService.FireRequest> request)
        {
            var batch = await service.FireManyAsync((await InstancesAsync()).Where(which).Select(request).ToArray(), cancellationToken);
            transitions += batch.Fired.Count;
            refused += batch.Refused.Count;
        }

        bool Institution(WorkflowInstance instance, string state) => instance.Subject == WorkflowSubject.Institution && instance.State == state;
        int CountyIndex(WorkflowInstance instance) => order.IndexOf(countyOf[instance.SubjectCode]);
        int Number(WorkflowInstance instance) => int.Parse(instance.SubjectCode[^4..], System.Globalization.CultureInfo.InvariantCulture);

        // Every institution signs its letter and reports; the data-quality guard keeps back those whose data has an error.
        await StepAsync(i => Institution(i, "targets-issued"), i => new(i.Id, "sign-letter", InstitutionUser(i.SubjectCode)));
        await StepAsync(i => Institution(i, "letter-signed"), i => new(i.Id, "start-reporting", InstitutionUser(i.SubjectCode)));
        await StepAsync(i => Institution(i, "data-reporting"), i => new(i.Id, "finish-reporting", InstitutionUser(i.SubjectCode)));
        await StepAsync(i => Institution(i, "self-assessment") && Number(i) % 9 != 0, i => new(i.Id, "submit", InstitutionUser(i.SubjectCode)));

        // The first four counties have reviewed: most approved, a few returned with a reason.
        await StepAsync(i => Institution(i, "county-review") && CountyIndex(i) < 4, i => Number(i) % 25 == 0
            ? new(i.Id, "county-return", CountyUser(countyOf[i.SubjectCode]), Strings.DemoReturnComment)
            : new(i.Id, "county-approve", CountyUser(countyOf[i.SubjectCode])));

        // The bureau has checked a sample on site and accepted the first two counties' units.
        await StepAsync(i => Institution(i, "bureau-review") && CountyIndex(i) < 2 && Number(i) % 10 == 0, i => new(i.Id, "sample-onsite", Bureau));
        await StepAsync(i => Institution(i, "onsite-check"), i => new(i.Id, "onsite-done", Bureau, Strings.DemoOnsiteComment));
        await StepAsync(i => Institution(i, "bureau-review") && CountyIndex(i) < 2, i => new(i.Id, "bureau-accept", Bureau));

        // Every county signs and aggregates; a county submits only once all its units are with the bureau (the guard decides).
        await StepAsync(i => i.Subject == WorkflowSubject.County && i.State == "targets-issued", i => new(i.Id, "sign-letter", CountyUser(i.SubjectCode)));
        await StepAsync(i => i.Subject == WorkflowSubject.County && i.State == "letter-signed", i => new(i.Id, "start-aggregation", CountyUser(i.SubjectCode)));

        var instances = await InstancesAsync();
        var states = instances.Where(instance => instance.Subject == WorkflowSubject.Institution)
            .GroupBy(instance => instance.State).ToDictionary(group => group.Key, group => group.Count());

        // Hashing is slow on purpose: only a few accounts get the password, enough to try every role.
        var accounts = new List<User>
        {
            new(Bureau, Strings.DemoUserBureau, UserRole.Bureau, null),
            new(Leader, Strings.DemoUserLeader, UserRole.Leader, null),
        };
        foreach (var county in counties)
        {
            accounts.Add(new User(CountyUser(county.Code), string.Format(Strings.DemoUserCounty, county.Name), UserRole.County, county.Code));
            if (instances.FirstOrDefault(i => Institution(i, "self-assessment") && countyOf[i.SubjectCode] == county.Code) is { } waiting)
            {
                var name = institutions.First(institution => institution.Code == waiting.SubjectCode).Name;
                accounts.Add(new User(InstitutionUser(waiting.SubjectCode), string.Format(Strings.DemoUserInstitution, name), UserRole.Institution,
                    waiting.SubjectCode));
            }
        }

        var passwords = new Accounts.AccountService(database, clock);
        foreach (var account in accounts)
        {
            await passwords.SetPasswordAsync(account.Username, DemoPassword, cancellationToken);
        }

        return new Walked(year, 2 + counties.Count + institutions.Count, opened.Created, transitions, refused, states) { Accounts = accounts };
    }
}
