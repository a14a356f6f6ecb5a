using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.Core.Tests.Validation;

public sealed class WriteValidatorTests
{
    [Fact]
    public void NewQuestion_Valid_HasNoErrors()
    {
        var errors = new FieldErrors();
        WriteValidator.Validate(new NewQuestion("Is it waterproof?\nAsking for rain.", "jim", "jim@example.com"), errors);
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData("", "jim", "jim@example.com", "body")]
    [InlineData("ok", "j\rim", "jim@example.com", "askerName")]
    [InlineData("ok", "jim", "jim@localhost", "askerEmail")]
    [InlineData("ok", "jim", "jim@example.com\r\nBcc: x@example.com", "askerEmail")]
    [InlineData("ok\u0000", "jim", "jim@example.com", "body")]
    public void NewQuestion_Invalid_NamesTheField(string body, string name, string email, string field)
    {
        var errors = new FieldErrors();
        WriteValidator.Validate(new NewQuestion(body, name, email), errors);
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    // Not [InlineData]: xunit's test-case serialization would turn the lone surrogate into U+FFFD.
    [Fact]
    public void NewQuestion_LoneSurrogate_IsInvalid()
    {
        var errors = new FieldErrors();
        WriteValidator.Validate(new NewQuestion("ok \ud83d", "jim", "jim@example.com"), errors);
        Assert.Equal(["body"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void NewQuestion_WellFormedSurrogatePair_IsAccepted()
    {
        var errors = new FieldErrors();
        WriteValidator.Validate(new NewQuestion("Love it \ud83d\ude00", "jim", "jim@example.com"), errors);
        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void NewAnswer_LimitsAreInclusive()
    {
        var errors = new FieldErrors();
        WriteValidator.Validate(new NewAnswer(new string('a', 1000), new string('n', 60), new string('e', 48) + "@example.com"), errors);
        Assert.True(errors.IsEmpty);
        WriteValidator.Validate(new NewAnswer(new string('a', 1001), new string('n', 61), new string('e', 49) + "@example.com"), errors);
        Assert.Equal(["answererEmail", "answererName", "body"], errors.ToDictionary().Keys.Order());
    }

    [Theory]
    [InlineData("up", 1)]
    [InlineData("down", -1)]
    public void Direction_UpOrDown_IsAStepOfOne(string direction, int step)
    {
        var errors = new FieldErrors();
        Assert.Equal(step, WriteValidator.Direction(new Vote(direction), errors));
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("UP")]
    [InlineData("")]
    public void Direction_Other_IsInvalid(string? direction)
    {
        var errors = new FieldErrors();
        Assert.Equal(0, WriteValidator.Direction(new Vote(direction), errors));
        Assert.Equal(["direction"], errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("ann", true)]
    [InlineData("5f1c2b0e-7d1a-4b7e-9a55-0c6d1f2e3a4b", true)]
    [InlineData("", false)]
    [InlineData(" ann", false)]
    [InlineData("tab\there", false)]
    public void Voter_IsOneToSixtyFourPrintableCharacters(string voter, bool valid)
    {
        var errors = new FieldErrors();
        WriteValidator.Voter(new Vote("up", voter), errors);
        Assert.Equal(valid, errors.IsEmpty);
        Assert.Equal(valid, WriteValidator.IsOpaqueId(voter));
    }

    [Fact]
    public void Voter_LeftOut_IsValid()
    {
        var errors = new FieldErrors();
        WriteValidator.Voter(new Vote("up"), errors);
        Assert.True(errors.IsEmpty);
        Assert.False(WriteValidator.IsOpaqueId(new string('v', WriteValidator.MaxOpaqueIdLength + 1)));
    }
}
