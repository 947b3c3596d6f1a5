#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_settings
short_description: Manage the PBX's settings sections (E.164, mail server, anti-hacking, codecs, backup schedule, ...)
version_added: 0.1.0
description:
  - Set the settings of a 3CX v20 PBX that are single objects - E.164 number rules, dial codes, general call rules,
    the mail server, anti-hacking limits, codecs, music on hold, voicemail, call parking, logging, phone book,
    phones, network, console restrictions, the backup schedule and the backup repository.
  - Each section is one option, a dict whose options are the section's properties in snake_case, derived from the
    official XAPI specification (types, choices and ranges as it gives them).
  - Only the sections and options given are managed; the others stay as they are. The PBX always has exactly one
    object per section, so there is no C(state).
  - One GET per section given, and one write per section that changes (a PATCH of its changed properties, or for
    the backup sections the PBX's action with the whole section). Nothing else is read or written; check mode
    writes nothing.
  - Secrets (mail password, backup encryption password, repository passwords, transcription keys) are never
    returned or shown; diffs show them masked.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  e164:
    description:
      - The PBX settings C(E164Settings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      area_code:
        description:
          - The PBX setting C(E164Settings.AreaCode).
        type: str
      country_code:
        description:
          - The PBX setting C(E164Settings.CountryCode).
        type: str
      enabled:
        description:
          - The PBX setting C(E164Settings.Enabled).
        type: bool
      international_code:
        description:
          - The PBX setting C(E164Settings.InternationalCode).
        type: str
      national_code:
        description:
          - The PBX setting C(E164Settings.NationalCode).
        type: str
      prefix:
        description:
          - The PBX setting C(E164Settings.Prefix).
        type: str
      remove_area_code:
        description:
          - The PBX setting C(E164Settings.RemoveAreaCode).
        type: bool
      remove_country_code:
        description:
          - The PBX setting C(E164Settings.RemoveCountryCode).
        type: bool
  dial_codes:
    description:
      - The PBX settings C(DialCodeSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      dial_code_billing_code:
        description:
          - The PBX setting C(DialCodeSettings.DialCodeBillingCode).
        type: str
      dial_code_hide_caller_id:
        description:
          - The PBX setting C(DialCodeSettings.DialCodeHideCallerID).
        type: str
      dial_code_hotdesking:
        description:
          - The PBX setting C(DialCodeSettings.DialCodeHotdesking).
        type: str
      dial_code_hotel_access:
        description:
          - The PBX setting C(DialCodeSettings.DialCodeHotelAccess).
        type: str
      dial_code_intercom:
        description:
          - The PBX setting C(DialCodeSettings.DialCodeIntercom).
        type: str
      dial_code_logged_in_queue:
        description:
          - The PBX setting C(DialCodeSettings.DialCodeLoggedInQueue).
        type: str
      dial_code_logged_out_queue:
        description:
          - The PBX setting C(DialCodeSettings.DialCodeLoggedOutQueue).
        type: str
      dial_code_out_office:
        description:
          - The PBX setting C(DialCodeSettings.DialCodeOutOffice).
        type: str
      dial_code_park:
        description:
          - The PBX setting C(DialCodeSettings.DialCodePark).
        type: str
      dial_code_pickup:
        description:
          - The PBX setting C(DialCodeSettings.DialCodePickup).
        type: str
      dial_code_profile_status:
        description:
          - The PBX setting C(DialCodeSettings.DialCodeProfileStatus).
        type: str
      dial_code_unpark:
        description:
          - The PBX setting C(DialCodeSettings.DialCodeUnpark).
        type: str
      dial_code_v_mail:
        description:
          - The PBX setting C(DialCodeSettings.DialCodeVMail).
        type: str
  general:
    description:
      - The PBX settings C(GeneralSettingsForPbx). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      allow_fwd_to_external:
        description:
          - The PBX setting C(GeneralSettingsForPbx.AllowFwdToExternal).
        type: bool
      all_roles_can_approve_apps:
        description:
          - The PBX setting C(GeneralSettingsForPbx.AllRolesCanApproveApps).
        type: bool
      busy_monitor:
        description:
          - The PBX setting C(GeneralSettingsForPbx.BusyMonitor).
        type: bool
      busy_monitor_timeout:
        description:
          - The PBX setting C(GeneralSettingsForPbx.BusyMonitorTimeout).
        type: int
      disable_outbound_calls_out_office_hours:
        description:
          - The PBX setting C(GeneralSettingsForPbx.DisableOutboundCallsOutOfficeHours).
        type: bool
      enable_v_menu_outbound_calls:
        description:
          - The PBX setting C(GeneralSettingsForPbx.EnableVMenuOutboundCalls).
        type: bool
      hd_auto_logout_enabled:
        description:
          - The PBX setting C(GeneralSettingsForPbx.HDAutoLogoutEnabled).
        type: bool
      hd_auto_logout_time:
        description:
          - The PBX setting C(GeneralSettingsForPbx.HDAutoLogoutTime).
        type: str
      limit_call_pickup:
        description:
          - The PBX setting C(GeneralSettingsForPbx.LimitCallPickup).
        type: bool
      o_auth_cimd_enabled:
        description:
          - The PBX setting C(GeneralSettingsForPbx.OAuthCimdEnabled).
        type: bool
      o_auth_dcr_enabled:
        description:
          - The PBX setting C(GeneralSettingsForPbx.OAuthDcrEnabled).
        type: bool
      o_auth_open_id_connect_enabled:
        description:
          - The PBX setting C(GeneralSettingsForPbx.OAuthOpenIdConnectEnabled).
        type: bool
      operator_extension:
        description:
          - The PBX setting C(GeneralSettingsForPbx.OperatorExtension).
        type: str
      play_busy:
        description:
          - The PBX setting C(GeneralSettingsForPbx.PlayBusy).
        type: bool
      scheduled_report_generation_time:
        description:
          - The PBX setting C(GeneralSettingsForPbx.ScheduledReportGenerationTime).
        type: str
  apps:
    description:
      - The PBX settings C(GeneralSettingsForApps). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      allow_block_calls:
        description:
          - The PBX setting C(GeneralSettingsForApps.AllowBlockCalls).
        type: bool
      allow_change_password:
        description:
          - The PBX setting C(GeneralSettingsForApps.AllowChangePassword).
        type: bool
      auto_scheduler_settings:
        description:
          - The C(auto_scheduler_settings) of C(GeneralSettingsForApps), each option one of its properties.
        type: dict
        suboptions:
          enabled:
            description:
              - The PBX setting C(GeneralSettingsForApps.AutoSchedulerSettings.Enabled).
            type: bool
          profile_available:
            description:
              - The PBX setting C(GeneralSettingsForApps.AutoSchedulerSettings.ProfileAvailable).
            type: str
          profile_away:
            description:
              - The PBX setting C(GeneralSettingsForApps.AutoSchedulerSettings.ProfileAway).
            type: str
          profile_dnd:
            description:
              - The PBX setting C(GeneralSettingsForApps.AutoSchedulerSettings.ProfileDND).
            type: str
      avatar_style:
        description:
          - The PBX setting C(GeneralSettingsForApps.AvatarStyle).
        type: str
        choices: ['Square', 'Circle']
      brand_logo_image:
        description:
          - The PBX setting C(GeneralSettingsForApps.BrandLogoImage).
        type: str
      brand_main_image:
        description:
          - The PBX setting C(GeneralSettingsForApps.BrandMainImage).
        type: str
      brand_url:
        description:
          - The PBX setting C(GeneralSettingsForApps.BrandUrl).
        type: str
      enable_chat:
        description:
          - The PBX setting C(GeneralSettingsForApps.EnableChat).
        type: bool
      enable_selector_caller_id:
        description:
          - The PBX setting C(GeneralSettingsForApps.EnableSelectorCallerId).
        type: bool
      hide_abandoned_queue_calls:
        description:
          - The PBX setting C(GeneralSettingsForApps.HideAbandonedQueueCalls).
        type: bool
      hide_crm_contacts:
        description:
          - The PBX setting C(GeneralSettingsForApps.HideCRMContacts).
        type: bool
      hide_interaction_history:
        description:
          - The PBX setting C(GeneralSettingsForApps.HideInteractionHistory).
        type: bool
      hide_system_extensions:
        description:
          - The PBX setting C(GeneralSettingsForApps.HideSystemExtensions).
        type: bool
      name_of_custom_available_status:
        description:
          - The PBX setting C(GeneralSettingsForApps.NameOfCustomAvailableStatus).
        type: str
      name_of_custom_out_of_office_status:
        description:
          - The PBX setting C(GeneralSettingsForApps.NameOfCustomOutOfOfficeStatus).
        type: str
  mail:
    description:
      - The PBX settings C(MailSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      mail_address:
        description:
          - The PBX setting C(MailSettings.MailAddress).
        type: str
      mail_password:
        description:
          - The PBX setting C(MailSettings.MailPassword).
          - A secret, never returned nor shown. The PBX does not return it, so it is sent when the PBX holds none, or on
            every run with O(update_secrets=always).
        type: str
      mail_server:
        description:
          - The PBX setting C(MailSettings.MailServer).
        type: str
      mail_server_type:
        description:
          - The PBX setting C(MailSettings.MailServerType).
        type: str
        choices: ['Tcx', 'MS365', 'Custom', 'GoogleWorkspace']
      mail_ssl_enabled:
        description:
          - The PBX setting C(MailSettings.MailSslEnabled).
        type: bool
      mail_user:
        description:
          - The PBX setting C(MailSettings.MailUser).
        type: str
  anti_hacking:
    description:
      - The PBX settings C(AntiHackingSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      hack_auth_requests:
        description:
          - The PBX setting C(AntiHackingSettings.HackAuthRequests).
        type: int
      hack_barrier_amber:
        description:
          - The PBX setting C(AntiHackingSettings.HackBarrierAmber).
        type: int
      hack_barrier_green:
        description:
          - The PBX setting C(AntiHackingSettings.HackBarrierGreen).
        type: int
      hack_barrier_red:
        description:
          - The PBX setting C(AntiHackingSettings.HackBarrierRed).
        type: int
      hack_blacklist_duration:
        description:
          - The PBX setting C(AntiHackingSettings.HackBlacklistDuration).
        type: int
      hack_challenge_requests:
        description:
          - The PBX setting C(AntiHackingSettings.HackChallengeRequests).
        type: int
      max_request_per_period:
        description:
          - The PBX setting C(AntiHackingSettings.MaxRequestPerPeriod).
        type: int
      security_defense_program:
        description:
          - The PBX setting C(AntiHackingSettings.SecurityDefenseProgram).
        type: bool
      throttle_period_length:
        description:
          - The PBX setting C(AntiHackingSettings.ThrottlePeriodLength).
        type: int
  codecs:
    description:
      - The PBX settings C(CodecsSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      external_codec_list:
        description:
          - The PBX setting C(CodecsSettings.ExternalCodecList).
        type: list
        elements: str
      local_codec_list:
        description:
          - The PBX setting C(CodecsSettings.LocalCodecList).
        type: list
        elements: str
  music_on_hold:
    description:
      - The PBX settings C(MusicOnHoldSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      music_on_hold:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHold).
        type: str
      music_on_hold1:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHold1).
        type: str
      music_on_hold2:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHold2).
        type: str
      music_on_hold3:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHold3).
        type: str
      music_on_hold4:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHold4).
        type: str
      music_on_hold5:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHold5).
        type: str
      music_on_hold6:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHold6).
        type: str
      music_on_hold7:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHold7).
        type: str
      music_on_hold8:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHold8).
        type: str
      music_on_hold9:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHold9).
        type: str
      music_on_hold_randomize:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHoldRandomize).
        type: bool
      music_on_hold_randomize_per_call:
        description:
          - The PBX setting C(MusicOnHoldSettings.MusicOnHoldRandomizePerCall).
        type: bool
  voicemail:
    description:
      - The PBX settings C(VoicemailSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      analyze_model_grok:
        description:
          - The PBX setting C(VoicemailSettings.AnalyzeModelGrok).
        type: str
      analyze_model_open_ai:
        description:
          - The PBX setting C(VoicemailSettings.AnalyzeModelOpenAI).
        type: str
      auto_delete_days:
        description:
          - The PBX setting C(VoicemailSettings.AutoDeleteDays).
        type: int
      auto_delete_enabled:
        description:
          - The PBX setting C(VoicemailSettings.AutoDeleteEnabled).
        type: bool
      call_recording_stereo:
        description:
          - The PBX setting C(VoicemailSettings.CallRecordingStereo).
        type: bool
      extension:
        description:
          - The PBX setting C(VoicemailSettings.Extension).
        type: str
      min_duration:
        description:
          - The PBX setting C(VoicemailSettings.MinDuration).
        type: int
      operator_enabled:
        description:
          - The PBX setting C(VoicemailSettings.OperatorEnabled).
        type: bool
      quota:
        description:
          - The PBX setting C(VoicemailSettings.Quota).
        type: int
      remote_storage_enabled:
        description:
          - The PBX setting C(VoicemailSettings.RemoteStorageEnabled).
        type: bool
      send_email_quota_enabled:
        description:
          - The PBX setting C(VoicemailSettings.SendEmailQuotaEnabled).
        type: bool
      send_email_quota_percentage:
        description:
          - The PBX setting C(VoicemailSettings.SendEmailQuotaPercentage).
        type: int
      transcribe_engine:
        description:
          - The PBX setting C(VoicemailSettings.TranscribeEngine).
        type: str
        choices: ['None', 'Google', 'OpenAI', 'Whisper', 'Engine3CX', 'Engine3CXLocal', 'Grok']
      transcribe_key_grok:
        description:
          - The PBX setting C(VoicemailSettings.TranscribeKeyGrok).
          - A secret, never returned nor shown. The PBX does not return it, so it is sent when the PBX holds none, or on
            every run with O(update_secrets=always).
        type: str
      transcribe_language:
        description:
          - The PBX setting C(VoicemailSettings.TranscribeLanguage).
        type: str
      transcribe_model_open_ai:
        description:
          - The PBX setting C(VoicemailSettings.TranscribeModelOpenAI).
        type: str
      transcribe_region:
        description:
          - The PBX setting C(VoicemailSettings.TranscribeRegion).
        type: str
      transcribe_secret_key:
        description:
          - The PBX setting C(VoicemailSettings.TranscribeSecretKey).
          - A secret, never returned nor shown. The PBX does not return it, so it is sent when the PBX holds none, or on
            every run with O(update_secrets=always).
        type: str
  call_parking:
    description:
      - The PBX settings C(CallParkingSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      auto_pickup_enabled:
        description:
          - The PBX setting C(CallParkingSettings.AutoPickupEnabled).
        type: bool
      auto_pickup_forward_dn:
        description:
          - The PBX setting C(CallParkingSettings.AutoPickupForwardDN).
        type: str
      auto_pickup_forward_external_number:
        description:
          - The PBX setting C(CallParkingSettings.AutoPickupForwardExternalNumber).
        type: str
      auto_pickup_forward_type:
        description:
          - The PBX setting C(CallParkingSettings.AutoPickupForwardType).
        type: str
        choices: ['TransferBack', 'DN', 'ExtensionVoiceMail', 'ExternalNumber', 'RoutePoint']
      auto_pickup_timeout:
        description:
          - The PBX setting C(CallParkingSettings.AutoPickupTimeout).
        type: int
      maximum_parked_calls:
        description:
          - The PBX setting C(CallParkingSettings.MaximumParkedCalls).
        type: int
      music_on_hold:
        description:
          - The PBX setting C(CallParkingSettings.MusicOnHold).
        type: str
  chat_log:
    description:
      - The PBX settings C(ChatLogSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      auto_clear_months:
        description:
          - The PBX setting C(ChatLogSettings.AutoClearMonths).
        type: int
      auto_close_days:
        description:
          - The PBX setting C(ChatLogSettings.AutoCloseDays).
        type: int
      remote_storage_enabled:
        description:
          - The PBX setting C(ChatLogSettings.RemoteStorageEnabled).
        type: bool
  logging:
    description:
      - The PBX settings C(LoggingSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      keep_logs:
        description:
          - The PBX setting C(LoggingSettings.KeepLogs).
        type: bool
      keep_logs_days:
        description:
          - The PBX setting C(LoggingSettings.KeepLogsDays).
        type: int
      logging_level:
        description:
          - The PBX setting C(LoggingSettings.LoggingLevel).
        type: int
  phone_book:
    description:
      - The PBX settings C(PhoneBookSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      phone_book_add_queue_name:
        description:
          - The PBX setting C(PhoneBookSettings.PhoneBookAddQueueName).
        type: str
        choices: ['NotAdd', 'Append', 'Prepend']
      phone_book_display:
        description:
          - The PBX setting C(PhoneBookSettings.PhoneBookDisplay).
        type: str
        choices: ['FirstNameLastName', 'LastNameFirstName']
      resolving_length:
        description:
          - The PBX setting C(PhoneBookSettings.ResolvingLength).
        type: int
      resolving_type:
        description:
          - The PBX setting C(PhoneBookSettings.ResolvingType).
        type: str
        choices: ['NotResolve', 'MatchExact', 'MatchLength']
  phones:
    description:
      - The PBX settings C(PhonesSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      allow_multi_queue_ringtones:
        description:
          - The PBX setting C(PhonesSettings.AllowMultiQueueRingtones).
        type: bool
      auto_cleanup_firmware:
        description:
          - The PBX setting C(PhonesSettings.AutoCleanupFirmware).
        type: bool
      auto_update_phones_on_add:
        description:
          - The PBX setting C(PhonesSettings.AutoUpdatePhonesOnAdd).
        type: bool
      custom_dnd_profile:
        description:
          - The PBX setting C(PhonesSettings.CustomDNDProfile).
        type: str
      fanvil_update_interval:
        description:
          - The PBX setting C(PhonesSettings.FanvilUpdateInterval).
        type: int
      grandstream_update_interval:
        description:
          - The PBX setting C(PhonesSettings.GrandstreamUpdateInterval).
        type: int
      phone_allow_multi_firmwares:
        description:
          - The PBX setting C(PhonesSettings.PhoneAllowMultiFirmwares).
        type: bool
      snom_update_interval:
        description:
          - The PBX setting C(PhonesSettings.SnomUpdateInterval).
        type: int
      use_provisioning_secret:
        description:
          - The PBX setting C(PhonesSettings.UseProvisioningSecret).
        type: bool
      use_rpc_for_local_phones:
        description:
          - The PBX setting C(PhonesSettings.UseRpcForLocalPhones).
        type: bool
      yealink_update_interval:
        description:
          - The PBX setting C(PhonesSettings.YealinkUpdateInterval).
        type: int
  network:
    description:
      - The PBX settings C(NetworkSettings). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      allow_source_as_outbound:
        description:
          - The PBX setting C(NetworkSettings.AllowSourceAsOutbound).
        type: bool
      direct_sip_allow_external:
        description:
          - The PBX setting C(NetworkSettings.DirectSIPAllowExternal).
        type: bool
      direct_sip_local_domain:
        description:
          - The PBX setting C(NetworkSettings.DirectSIPLocalDomain).
        type: str
      firewall_keep_alive:
        description:
          - The PBX setting C(NetworkSettings.FirewallKeepAlive).
        type: bool
      firewall_keep_alive_interval:
        description:
          - The PBX setting C(NetworkSettings.FirewallKeepAliveInterval).
        type: int
      ip_v6_binding_enabled:
        description:
          - The PBX setting C(NetworkSettings.IpV6BindingEnabled).
        type: bool
      pbx_public_fqdn:
        description:
          - The PBX setting C(NetworkSettings.PbxPublicFQDN).
        type: str
      public_interface:
        description:
          - The PBX setting C(NetworkSettings.PublicInterface).
        type: str
      public_static_ip:
        description:
          - The PBX setting C(NetworkSettings.PublicStaticIP).
        type: str
      sip_port:
        description:
          - The PBX setting C(NetworkSettings.SipPort).
        type: int
      stun_disabled:
        description:
          - The PBX setting C(NetworkSettings.StunDisabled).
        type: bool
      stun_primary_host:
        description:
          - The PBX setting C(NetworkSettings.StunPrimaryHost).
        type: str
      stun_primary_port:
        description:
          - The PBX setting C(NetworkSettings.StunPrimaryPort).
        type: int
      stun_query:
        description:
          - The PBX setting C(NetworkSettings.StunQuery).
        type: int
      stun_secondary_host:
        description:
          - The PBX setting C(NetworkSettings.StunSecondaryHost).
        type: str
      stun_secondary_port:
        description:
          - The PBX setting C(NetworkSettings.StunSecondaryPort).
        type: int
      stun_third_host:
        description:
          - The PBX setting C(NetworkSettings.StunThirdHost).
        type: str
      stun_third_port:
        description:
          - The PBX setting C(NetworkSettings.StunThirdPort).
        type: int
      tunnel_port:
        description:
          - The PBX setting C(NetworkSettings.TunnelPort).
        type: int
  console_restrictions:
    description:
      - The PBX settings C(ConsoleRestrictions). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      access_restricted:
        description:
          - The PBX setting C(ConsoleRestrictions.AccessRestricted).
        type: bool
      ip_whitelist:
        description:
          - The PBX setting C(ConsoleRestrictions.IpWhitelist).
        type: list
        elements: str
  backup:
    description:
      - The PBX settings C(BackupSettings) (read with C(Backups/Pbx.GetBackupSettings()), written with
        C(Backups/Pbx.SetBackupSettings)). Only the options given are managed; the others stay as they are.
    type: dict
    suboptions:
      contents:
        description:
          - The C(contents) of C(BackupSettings), each option one of its properties.
        type: dict
        suboptions:
          call_history:
            description:
              - The PBX setting C(BackupSettings.Contents.CallHistory).
            type: bool
          disable_backup_compression:
            description:
              - The PBX setting C(BackupSettings.Contents.DisableBackupCompression).
            type: bool
          encrypt_backup:
            description:
              - The PBX setting C(BackupSettings.Contents.EncryptBackup).
            type: bool
          encrypt_backup_password:
            description:
              - The PBX setting C(BackupSettings.Contents.EncryptBackupPassword).
              - A secret, never returned nor shown. The PBX does not return it, so it is sent when the PBX holds none,
                or on every run with O(update_secrets=always).
            type: str
          fqdn:
            description:
              - The PBX setting C(BackupSettings.Contents.FQDN).
            type: bool
          license:
            description:
              - The PBX setting C(BackupSettings.Contents.License).
            type: bool
          phone_provisioning:
            description:
              - The PBX setting C(BackupSettings.Contents.PhoneProvisioning).
            type: bool
          prompts:
            description:
              - The PBX setting C(BackupSettings.Contents.Prompts).
            type: bool
          recordings:
            description:
              - The PBX setting C(BackupSettings.Contents.Recordings).
            type: bool
          voice_mails:
            description:
              - The PBX setting C(BackupSettings.Contents.VoiceMails).
            type: bool
      rotation:
        description:
          - The PBX setting C(BackupSettings.Rotation).
        type: int
      schedule:
        description:
          - The C(schedule) of C(BackupSettings), each option one of its properties.
        type: dict
        suboptions:
          day:
            description:
              - The PBX setting C(BackupSettings.Schedule.Day).
            type: str
            choices: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
          repeat_hours:
            description:
              - The PBX setting C(BackupSettings.Schedule.RepeatHours).
            type: int
          repeat_minutes:
            description:
              - The PBX setting C(BackupSettings.Schedule.RepeatMinutes).
            type: int
          schedule_type:
            description:
              - The PBX setting C(BackupSettings.Schedule.ScheduleType).
            type: str
            choices: ['Daily', 'Weekly', 'Monthly', 'Hourly', 'Minutely', 'Immediate']
          time:
            description:
              - The PBX setting C(BackupSettings.Schedule.Time).
            type: str
      schedule_enabled:
        description:
          - The PBX setting C(BackupSettings.ScheduleEnabled).
        type: bool
  backup_repository:
    description:
      - The PBX settings C(BackupRepositorySettings) (read with C(Backups/Pbx.GetBackupRepositorySettings()), written
        with C(Backups/Pbx.SetBackupRepositorySettings)). Only the options given are managed; the others stay as they
        are.
    type: dict
    suboptions:
      location:
        description:
          - The C(location) of C(BackupRepositorySettings), each option one of its properties.
        type: dict
        suboptions:
          file_system_type:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.FileSystemType).
            type: str
            choices: ['Local', 'Ftp', 'GoogleDrive', 'NetworkShare', 'Logs', 'Sftp', 'GoogleBucket', 'SharePoint',
              'AmazonS3']
          ftp_password:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.FtpPassword).
              - A secret, never returned nor shown. The PBX does not return it, so it is sent when the PBX holds none,
                or on every run with O(update_secrets=always).
            type: str
          ftp_path:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.FtpPath).
            type: str
          ftp_user:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.FtpUser).
            type: str
          ftp_validate_certificate:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.FtpValidateCertificate).
            type: bool
          gb_path:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.GbPath).
            type: str
          local_path:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.LocalPath).
            type: str
          ns_domain:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.NsDomain).
            type: str
          ns_password:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.NsPassword).
              - A secret, never returned nor shown. The PBX does not return it, so it is sent when the PBX holds none,
                or on every run with O(update_secrets=always).
            type: str
          ns_path:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.NsPath).
            type: str
          ns_user:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.NsUser).
            type: str
          s3_path:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.S3Path).
            type: str
          sftp_host_key_fingerprint:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.SftpHostKeyFingerprint).
            type: str
          sftp_password:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.SftpPassword).
              - A secret, never returned nor shown. The PBX does not return it, so it is sent when the PBX holds none,
                or on every run with O(update_secrets=always).
            type: str
          sftp_path:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.SftpPath).
            type: str
          sftp_user:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.SftpUser).
            type: str
          share_point_path:
            description:
              - The PBX setting C(BackupRepositorySettings.Location.SharePointPath).
            type: str
  update_secrets:
    description:
      - When a secret (a password of O(mail), O(backup), O(backup_repository), O(voicemail)) is sent. The PBX returns
        secrets concealed, so they cannot be compared.
      - V(when_unset) sends it only when the PBX holds none (idempotent); V(always) sends it on every run (reports a
        change each time).
    type: str
    choices: [when_unset, always]
    default: when_unset

extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
'''

EXAMPLES = r'''
- name: One baseline of settings for a German PBX
  tcx.xapi.tcx_settings:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    e164:
      country_code: "49"
      area_code: "30"
      international_code: "00"
      national_code: "0"
    mail:
      mail_server_type: Custom
      mail_server: smtp.example.com:587
      mail_user: pbx@example.com
      mail_password: "{{ vault_smtp_password }}"
      mail_address: pbx@example.com
      mail_ssl_enabled: true
    anti_hacking:
      hack_blacklist_duration: 86400
    backup:
      schedule_enabled: true
      rotation: 7
      schedule: {schedule_type: Daily, time: "02:30:00"}
      contents: {call_history: true, voice_mails: true, recordings: false}
'''

RETURN = r'''
settings:
  description:
    - The sections given, after the task (or as they would be in check mode), in the options' own shape without
      secrets; given back to this module or as O(tcx.xapi.tcx_config#module:settings) they change nothing.
  returned: always
  type: dict
  sample:
    e164: {country_code: "49", area_code: "30", international_code: "00", national_code: "0", enabled: true}
    anti_hacking: {hack_blacklist_duration: 86400}
raw:
  description: The sections given as XAPI holds them (C(E164Settings), C(MailSettings), ...), secrets removed.
  returned: always
  type: dict
  sample:
    E164Settings: {CountryCode: "49", AreaCode: "30", InternationalCode: "00", NationalCode: "0", Enabled: true}
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('settings', module_class=module_class)


if __name__ == '__main__':
    main()
