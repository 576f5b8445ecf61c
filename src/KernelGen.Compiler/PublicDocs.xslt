<?xml version="1.0" encoding="utf-8"?>
<!-- Keeps the members of the package's own API in its XML documentation file and drops those of the linked emitter
     (KernelGen.Generators.*), which are internal to the assembly and documented for maintainers. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" indent="yes" encoding="utf-8" />
  <xsl:template match="@* | node()">
    <xsl:copy>
      <xsl:apply-templates select="@* | node()" />
    </xsl:copy>
  </xsl:template>
  <xsl:template match="member[contains(@name, ':KernelGen.Generators.')]" />
</xsl:stylesheet>
