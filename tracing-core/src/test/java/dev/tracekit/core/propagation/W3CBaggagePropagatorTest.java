package dev.tracekit.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class W3CBaggagePropagatorTest {

  private final W3CBaggagePropagator propagator = new W3CBaggagePropagator();

  private Baggage extract(String... headers) {
    Headers carrier = new Headers();
    for (String header : headers) {
      carrier.add("baggage", header);
    }
    return propagator.extract(Context.root(), carrier, Headers.GETTER).baggage();
  }

  private String inject(Baggage baggage) {
    Headers out = new Headers();
    propagator.inject(Context.root().with(baggage), out, Headers.SETTER);
    return out.get("baggage");
  }

  @Test
  void parsesSpecExampleWithPropertiesAndWhitespace() {
    Baggage baggage =
        extract("key1=value1;property1;property2, key2 = value2, key3=value3; propertyKey=propertyValue");

    assertThat(baggage.size()).isEqualTo(3);
    assertThat(baggage.get("key1")).isEqualTo("value1");
    assertThat(baggage.metadataAt(0)).isEqualTo("property1;property2");
    assertThat(baggage.get("key2")).isEqualTo("value2");
    assertThat(baggage.metadataAt(1)).isEmpty();
    assertThat(baggage.get("key3")).isEqualTo("value3");
    assertThat(baggage.metadataAt(2)).isEqualTo("propertyKey=propertyValue");
  }

  @Test
  void propertiesAreKeptRawAndReemitted() {
    assertThat(inject(extract("key1=value1;property1;property2, key3=value3; propertyKey=propertyValue")))
        .isEqualTo("key1=value1;property1;property2,key3=value3;propertyKey=propertyValue");
  }

  @Test
  void valuesArePercentDecoded() {
    Baggage baggage = extract("userId=alice,serverNode=DF%2028,isProduction=false,name=Jos%C3%A9,pct=100%25");

    assertThat(baggage.get("userId")).isEqualTo("alice");
    assertThat(baggage.get("serverNode")).isEqualTo("DF 28");
    assertThat(baggage.get("isProduction")).isEqualTo("false");
    assertThat(baggage.get("name")).isEqualTo("José");
    assertThat(baggage.get("pct")).isEqualTo("100%");
  }

  @Test
  void lowercaseEscapesAreDecodedToo() {
    assertThat(extract("k=%c3%a9%2c").get("k")).isEqualTo("é,");
  }

  @Test
  void repeatedHeadersAreCombinedInOrder() {
    Baggage baggage = extract("userId =   alice", "serverNode = DF%2028, isProduction = false");

    assertThat(baggage.nameAt(0)).isEqualTo("userId");
    assertThat(baggage.nameAt(1)).isEqualTo("serverNode");
    assertThat(baggage.nameAt(2)).isEqualTo("isProduction");
    assertThat(inject(baggage)).isEqualTo("userId=alice,serverNode=DF%2028,isProduction=false");
  }

  @Test
  void valueMayContainEqualsSigns() {
    assertThat(extract("k=a=b==").get("k")).isEqualTo("a=b==");
  }

  @Test
  void emptyValueIsAllowed() {
    assertThat(extract("k=").get("k")).isEmpty();
  }

  @Test
  void injectEncodesOnlyWhatMustBeEncoded() {
    Baggage baggage =
        Baggage.empty()
            .with("plain", "abc-._~!#$&'()*+/:<=>?@[]^`{|}")
            .with("space", "a b")
            .with("specials", "\",;\\%")
            .with("unicode", "é漢😀");

    assertThat(inject(baggage))
        .isEqualTo(
            "plain=abc-._~!#$&'()*+/:<=>?@[]^`{|}"
                + ",space=a%20b"
                + ",specials=%22%2C%3B%5C%25"
                + ",unicode=%C3%A9%E6%BC%A2%F0%9F%98%80");
  }

  @Test
  void controlCharactersInValuesArePercentEncodedOnInject() {
    Baggage baggage =
        Baggage.empty()
            .with("user", "alice\r\nX-Injected: yes")
            .with("nul", "a\u0000b\tc\u007Fd");

    String header = inject(baggage);

    assertThat(header).isEqualTo("user=alice%0D%0AX-Injected:%20yes,nul=a%00b%09c%7Fd");
    assertThat(header.chars()).allMatch(c -> c > 0x20 && c < 0x7F);
    assertThat(extract(header)).isEqualTo(baggage);
  }

  @Test
  void unpairedSurrogateIsEncodedAsReplacementChar() {
    assertThat(inject(Baggage.empty().with("k", "a\uD800b"))).isEqualTo("k=a%EF%BF%BDb");
  }

  @Test
  void invalidNamesAndMetadataCannotBreakTheHeaderOnInject() {
    long invalidBefore = propagator.invalidEntries();
    Baggage baggage =
        Baggage.empty()
            .with("bad name", "1")
            .with("bad\r\nname", "2")
            .with("ok", "3", "prop\r\nX-Injected: yes")
            .with("ok2", "4", "p1;p2=v");

    assertThat(inject(baggage)).isEqualTo("ok=3,ok2=4;p1;p2=v");
    assertThat(propagator.invalidEntries()).isEqualTo(invalidBefore + 2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "noequals",
        "=novalue",
        "bad key=1",
        "k=a b",
        "k=\"quoted\"",
        "k=back\\slash",
        "k=%",
        "k=%4",
        "k=%zz",
        "k=%C3", // truncated UTF-8
        "k=%FF", // never valid UTF-8
        "k=%C0%AF", // overlong encoding
        "k=v;",
        "k=v;;p",
        "k=v;bad prop",
        "k=v;p=a b",
        "k=é",
        "k\u0000=1",
      })
  void invalidMemberIsSkippedAndOthersKept(String member) {
    long invalidBefore = propagator.invalidEntries();

    Baggage baggage = extract("first=1," + member + ",last=2");

    assertThat(baggage.size()).isEqualTo(2);
    assertThat(baggage.get("first")).isEqualTo("1");
    assertThat(baggage.get("last")).isEqualTo("2");
    assertThat(propagator.invalidEntries()).isEqualTo(invalidBefore + 1);
  }

  @Test
  void memberLimitDropsAndCountsTheRest() {
    long droppedBefore = propagator.droppedEntries();
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < 70; i++) {
      header.append(i > 0 ? "," : "").append("k").append(i).append("=v");
    }

    Baggage baggage = extract(header.toString());

    assertThat(baggage.size()).isEqualTo(64);
    assertThat(baggage.get("k63")).isEqualTo("v");
    assertThat(baggage.get("k64")).isNull();
    assertThat(propagator.droppedEntries()).isEqualTo(droppedBefore + 6);
  }

  @Test
  void byteLimitDropsAndCountsWhatDoesNotFit() {
    long droppedBefore = propagator.droppedEntries();
    String big = "v".repeat(3000);

    // 3 members of 3003 bytes: the third would pass 8192; the small last one still fits.
    Baggage baggage = extract("a=" + big + ",b=" + big + ",c=" + big + ",d=1");

    assertThat(baggage.get("a")).isNotNull();
    assertThat(baggage.get("b")).isNotNull();
    assertThat(baggage.get("c")).isNull();
    assertThat(baggage.get("d")).isEqualTo("1");
    assertThat(propagator.droppedEntries()).isEqualTo(droppedBefore + 1);
    assertThat(inject(baggage).length()).isLessThanOrEqualTo(BaggageFormat.MAX_BYTES);
  }

  @Test
  void injectAppliesTheSameLimits() {
    long droppedBefore = propagator.droppedEntries();
    Baggage baggage = Baggage.empty();
    for (int i = 0; i < 70; i++) {
      baggage = baggage.with("k" + i, "v");
    }
    baggage = baggage.with("huge", "x".repeat(9000));

    String header = inject(baggage);

    assertThat(extract(header).size()).isEqualTo(64);
    assertThat(header.length()).isLessThanOrEqualTo(BaggageFormat.MAX_BYTES);
    assertThat(propagator.droppedEntries()).isEqualTo(droppedBefore + 7);
  }

  @Test
  void oneMegabyteHeaderIsBoundedAndCounted() {
    long droppedBefore = propagator.droppedEntries();
    String header = "k=v,".repeat(256 * 1024);

    Baggage baggage = extract(header);

    assertThat(baggage.size()).isEqualTo(1);
    assertThat(propagator.droppedEntries()).isEqualTo(droppedBefore);
    assertThat(extract("a=" + "x".repeat(1 << 20)).isEmpty()).isTrue();
  }

  @Test
  void duplicateNameKeepsLastValueInFirstPosition() {
    Baggage baggage = extract("a=1,b=2,a=3;p");

    assertThat(baggage.size()).isEqualTo(2);
    assertThat(baggage.nameAt(0)).isEqualTo("a");
    assertThat(baggage.get("a")).isEqualTo("3");
    assertThat(baggage.metadataAt(0)).isEqualTo("p");
  }

  @Test
  void extractedBaggageReplacesTheContexts() {
    Context current = Context.root().with(Baggage.empty().with("local", "1"));

    Context result =
        propagator.extract(current, Headers.of("baggage", "remote=2"), Headers.GETTER);

    assertThat(result.baggage().get("remote")).isEqualTo("2");
    assertThat(result.baggage().get("local")).isNull();
  }

  @Test
  void absentOrAllInvalidHeaderLeavesContextUnchanged() {
    Context current = Context.root().with(Baggage.empty().with("local", "1"));

    assertThat(propagator.extract(current, new Headers(), Headers.GETTER)).isSameAs(current);
    assertThat(propagator.extract(current, Headers.of("baggage", "bad key=1, ,"), Headers.GETTER))
        .isSameAs(current);
  }

  @Test
  void emptyBaggageIsNotInjected() {
    Headers out = new Headers();

    propagator.inject(Context.root(), out, Headers.SETTER);
    propagator.inject(Context.root().with(Baggage.empty().with("bad name", "1")), out, Headers.SETTER);

    assertThat(out.size()).isZero();
  }

  @Test
  void nullValuesNeverThrow() {
    TextMapGetter<Object> nulls =
        new TextMapGetter<>() {
          @Override
          public String get(Object carrier, String key) {
            return null;
          }

          @Override
          public Iterable<String> getAll(Object carrier, String key) {
            return Arrays.asList(null, "a=1", null);
          }
        };

    assertThat(propagator.extract(null, null, nulls).baggage().get("a")).isEqualTo("1");
    assertThat(propagator.extract(Context.root(), null, null)).isSameAs(Context.root());
    assertThat(inject(Baggage.ofValidated(new String[] {"k", null, null}, 3))).isEqualTo("k=");
  }

  @Test
  void fieldsAreBaggage() {
    assertThat(W3CBaggagePropagator.getInstance().fields()).isEqualTo(List.of("baggage"));
  }
}
