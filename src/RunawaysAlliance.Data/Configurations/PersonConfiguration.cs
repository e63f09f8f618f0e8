using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data.Configurations;

/// <summary>People, their private contact channels, their sign-in accounts and contact requests.</summary>
internal sealed class PersonConfiguration :
    IEntityTypeConfiguration<Person>,
    IEntityTypeConfiguration<AppUser>,
    IEntityTypeConfiguration<ContactRequest>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.DefaultSharedChannels).HasConversion<int>();
        builder.Property<Guid>(AppDbContext.VersionProperty).IsConcurrencyToken();
        builder.ComplexProperty(p => p.Contact, contact =>
        {
            contact.Property(c => c.Email).HasColumnName("ContactEmail");
            contact.Property(c => c.Phone).HasColumnName("ContactPhone");
            contact.Property(c => c.Messenger).HasColumnName("ContactMessenger");
            contact.Property(c => c.LinkedIn).HasColumnName("ContactLinkedIn");
        });
    }

    public void Configure(EntityTypeBuilder<AppUser> builder) =>
        // One account per person, same id; deleting the account keeps the (erased) person.
        builder.HasOne<Person>().WithOne().HasForeignKey<AppUser>(u => u.Id).OnDelete(DeleteBehavior.Restrict);

    public void Configure(EntityTypeBuilder<ContactRequest> builder)
    {
        builder.ToTable("ContactRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.RequesterShares).HasConversion<int>();
        builder.Property(r => r.RecipientShares).HasConversion<int>();
        builder.Property<Guid>(AppDbContext.VersionProperty).IsConcurrencyToken();
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.RequesterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.RecipientId).OnDelete(DeleteBehavior.Cascade);
        // At most one open request per pair and direction; answered ones stay as history.
        builder.HasIndex(r => new { r.RequesterId, r.RecipientId }, "UX_ContactRequests_OpenPair").IsUnique()
            .HasFilter("\"Status\" IN ('Pending', 'Accepted')");
        builder.HasIndex(r => r.RecipientId);
    }
}
