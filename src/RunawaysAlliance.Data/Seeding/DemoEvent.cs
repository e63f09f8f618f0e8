using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data.Seeding;

/// <summary>
/// The demo event that the embedded default starts with: 7 rooms (one a 35-seat hall), three 45-minute
/// rounds at 19:00, 20:00 and 21:00 Asia/Seoul on 2025-12-11, ten cards in Korean and English, offers,
/// and five cards already placed with moderators.
/// </summary>
public static class DemoEvent
{
    public const string Slug = "runaways-2025";

    private static readonly (string Title, string Problem, string Help, CardKind Kind, string[] Tags, string Language)[] CardTexts =
    [
        ("작은 카페의 단골 손님을 늘리고 싶어요", "동네 카페를 2년째 운영 중인데 신규 손님은 오지만 다시 오는 비율이 낮습니다.", "멤버십이나 커뮤니티 운영 경험", CardKind.Commercial, ["마케팅", "카페"], "ko"),
        ("Open-source maintainers are burning out", "Our volunteer project has 3 maintainers and 400 open issues. How do we share the load?", "People who have grown a contributor community", CardKind.NonCommercial, ["open-source", "community"], "en"),
        ("청년 쉼터 자원봉사자 모집이 어려워요", "비영리 쉼터에서 주말 자원봉사자가 늘 부족합니다. 지속적으로 참여하게 하는 방법이 궁금합니다.", "자원봉사 조직 경험, 홍보 아이디어", CardKind.NonCommercial, ["비영리", "자원봉사"], "ko"),
        ("Pricing a B2B SaaS for small clinics", "We sell scheduling software to clinics in Seoul. Per-seat or per-clinic pricing?", "SaaS pricing experience", CardKind.Commercial, ["saas", "pricing"], "en"),
        ("부모님 세대와 디지털 격차 줄이기", "동네 어르신들이 키오스크와 모바일 뱅킹을 어려워하십니다. 작은 교육 모임을 만들고 싶어요.", "교육 프로그램 설계", CardKind.NonCommercial, ["교육", "디지털"], "ko"),
        ("Hiring our first engineer as non-technical founders", "We don't know how to assess a developer's skills in an interview.", "Engineers who hire", CardKind.Commercial, ["hiring", "startup"], "en"),
        ("지역 농산물 온라인 판매 시작하기", "강원도 감자 농가와 함께 온라인 직거래를 하고 싶은데 배송과 포장이 막막합니다.", "이커머스, 물류", CardKind.Commercial, ["이커머스", "농업"], "ko"),
        ("A repair café for the neighbourhood", "We want a monthly event where people fix things together. Where do we find fixers and a space?", "Event organizing, makers", CardKind.NonCommercial, ["repair", "community"], "en"),
        ("번아웃 없이 사이드 프로젝트 지속하기", "퇴근 후 1년째 앱을 만들고 있는데 동력이 떨어지고 있어요.", "사이드 프로젝트 경험담", CardKind.NonCommercial, ["사이드프로젝트", "동기부여"], "ko"),
        ("Translating a children's book into Korean and English", "We have a picture book in Vietnamese and want bilingual editions for migrant families.", "Translators, publishers", CardKind.NonCommercial, ["translation", "다문화"], "en"),
    ];

    private static readonly string[] Names =
    [
        "Mina", "Junho", "Seoyeon", "Alex", "Jisoo", "Daniel", "하늘", "민준", "Priya", "Tomas",
        "서연", "Hyunwoo", "Sara", "도윤",
    ];

    /// <summary>Seeds the demo event unless an event with its slug exists. Returns whether it seeded.</summary>
    public static async Task<bool> SeedAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (await db.Events.AnyAsync(e => e.Slug == Slug, cancellationToken))
        {
            return false;
        }

        var people = Names.Select(name => new Person(Guid.NewGuid(), name, now)).ToList();
        db.People.AddRange(people);

        var evt = new Event(Guid.NewGuid(), Slug, "Runaways' Alliance 2025", "Seoul, Seongsu-dong", Event.DefaultTimeZoneId, now);
        evt.ApplyGenerativeConferenceTemplate(new DateOnly(2025, 12, 11));
        // Smaller rooms than the template's, so that a demo shows full sessions and waitlists quickly.
        foreach (var room in evt.Rooms.Skip(1).Select((room, i) => (room, i: i + 1)))
        {
            evt.ChangeRoomCapacity(room.room.Id, 8 + (room.i % 3 * 2));
        }

        evt.AdvanceTo(EventPhase.Marketplace);
        var organizer = people[0];
        var moderators = people.Skip(1).Take(4).ToList();
        evt.AddMember(organizer.Id, EventRole.Organizer, now);
        moderators.ForEach(m => evt.AddMember(m.Id, EventRole.Moderator, now));
        people.Skip(5).ToList().ForEach(p => evt.AddMember(p.Id, EventRole.Attendee, now));
        db.Events.Add(evt);

        var havers = people.Skip(5).ToList();
        var cards = CardTexts.Select((c, i) => new ProblemCard(
            Guid.NewGuid(), evt.Id, havers[i % havers.Count].Id,
            new CardContent(c.Title, c.Problem, c.Help, c.Kind, c.Tags, c.Language), now.AddMinutes(i - CardTexts.Length))).ToList();
        for (var i = 0; i < cards.Count; i++)
        {
            // Offers from people other than the author: a few can-help, a few curious.
            var solvers = people.Where(p => p.Id != cards[i].AuthorId).Skip(i).Take(i % 4).ToList();
            foreach (var (solver, n) in solvers.Select((s, n) => (s, n)))
            {
                cards[i].MakeOffer(solver.Id, n % 2 == 0 ? OfferKind.CanHelp : OfferKind.Curious,
                    n % 2 == 0 ? "I ran something similar last year" : null, now);
            }
        }

        db.Cards.AddRange(cards);

        // Five cards placed: the hall and two small rooms in round 1, two rooms in round 2.
        var rooms = evt.Rooms;
        var rounds = evt.Rounds;
        (int Card, int Room, int Round, int Moderator)[] placements = [(0, 0, 0, 0), (1, 1, 0, 1), (2, 2, 0, 2), (3, 0, 1, 0), (4, 3, 1, 3)];
        var sessions = new List<Session>();
        foreach (var p in placements)
        {
            var session = evt.ClaimSlot(cards[p.Card], rooms[p.Room].Id, rounds[p.Round].Id, moderators[p.Moderator].Id, sessions, now);
            foreach (var attendee in people.Where(x => x.Id != cards[p.Card].AuthorId).Take(3 + p.Card))
            {
                session.ReserveSeat(attendee.Id, now);
            }

            sessions.Add(session);
        }

        db.Sessions.AddRange(sessions);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (InvalidInputException ex) when (ex.Field == "slug")
        {
            // Another instance starting at the same moment seeded it first.
            return false;
        }
    }
}
