package fr.vigie.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceFactTest {

  private static final ServiceObservation.Port SMB = new ServiceObservation.Port(
      445,
      ServiceObservation.State.OPEN,
      "smb",
      "SMB",
      "3.0.2",
      "",
      Map.of("smb1", "accepted", "packaged", "Debian-2+deb12u3"));

  @Test
  void shouldReadAFactByItsNameAndCompareItsValue() {
    assertThat(SMB.fact(ServiceFact.SMB1)).isEqualTo("accepted");
    assertThat(SMB.is(ServiceFact.SMB1, "accepted")).isTrue();
    assertThat(SMB.is(ServiceFact.SMB1, "refused")).isFalse();
    assertThat(SMB.fact(ServiceFact.STARTTLS)).isNull();
    assertThat(SMB.fact(ServiceFact.PACKAGED)).isEqualTo("Debian-2+deb12u3");
  }

  @Test
  void shouldRefuseAValueTheFactCannotTake() {
    assertThatThrownBy(() -> SMB.is(ServiceFact.SMB1, "acepted"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("smb1=acepted")
        .hasMessageContaining("accepted, refused");
    assertThat(ServiceFact.PACKAGED.checked("anything at all")).isEqualTo("anything at all");
  }

  @Test
  void shouldKeepTheStoredNamesThatEarlierScansWrote() {
    assertThat(ServiceFact.SECURITY_TYPES.key()).isEqualTo("security-types");
    assertThat(ServiceFact.STARTTLS.allowed()).containsExactly("offered", "missing");
  }
}
